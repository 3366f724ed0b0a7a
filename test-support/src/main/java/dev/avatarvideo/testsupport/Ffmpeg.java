package dev.avatarvideo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * ffmpeg and ffprobe for tests that make or check real media files. The service itself never runs them; tests that need
 * them skip (with {@link #MISSING}) where they are not installed, and CI installs them.
 */
public final class Ffmpeg {

    public static final String MISSING = "ffmpeg/ffprobe is not installed (apt-get install ffmpeg): media checks skipped";

    /** Asked once per JVM: starting both tools costs a noticeable part of a second on a busy machine. */
    private static final boolean INSTALLED = runs("ffmpeg") && runs("ffprobe");

    private Ffmpeg() {
    }

    /** Whether both ffmpeg and ffprobe run here. */
    public static boolean installed() {
        return INSTALLED;
    }

    /** Runs ffmpeg quietly with these arguments, overwriting its output; fails with ffmpeg's own message. */
    public static void run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
        command.addAll(List.of(arguments));
        execute(command);
    }

    /** What ffprobe reads from the file: its container and its first video and audio streams. */
    public static Probe probe(Path file) {
        String flat = execute(List.of("ffprobe", "-v", "error", "-of", "flat", "-show_entries",
                "format=duration,bit_rate,size:stream=index,codec_type,codec_name,width,height,avg_frame_rate,duration,bit_rate,nb_frames",
                file.toString()));
        Map<String, String> values = new HashMap<>();
        flat.lines().map(line -> line.split("=", 2)).filter(pair -> pair.length == 2)
                .forEach(pair -> values.put(pair[0], pair[1].replaceAll("^\"|\"$", "")));
        return new Probe(values);
    }

    /** ffprobe's {@code -of flat} answer, by its keys ({@code format.duration}, {@code streams.stream.0.codec_name}). */
    public record Probe(Map<String, String> values) {

        public double duration() {
            return Double.parseDouble(values.get("format.duration"));
        }

        /** The whole file's average bits per second, as ffprobe computes it: size over duration. */
        public long bitRate() {
            return Long.parseLong(values.get("format.bit_rate"));
        }

        public Optional<Stream> video() {
            return stream("video");
        }

        public Optional<Stream> audio() {
            return stream("audio");
        }

        private Optional<Stream> stream(String type) {
            for (int i = 0; values.containsKey("streams.stream." + i + ".codec_type"); i++) {
                String prefix = "streams.stream." + i + ".";
                if (type.equals(values.get(prefix + "codec_type"))) {
                    return Optional.of(new Stream(values.get(prefix + "codec_name"), number(prefix + "width"), number(prefix + "height"),
                            rate(values.get(prefix + "avg_frame_rate")), Double.parseDouble(values.get(prefix + "duration")),
                            number(prefix + "nb_frames")));
                }
            }
            return Optional.empty();
        }

        private int number(String key) {
            String value = values.get(key);
            return value == null || value.equals("N/A") ? 0 : Integer.parseInt(value);
        }

        private static double rate(String fraction) {
            String[] parts = fraction.split("/");
            double denominator = Double.parseDouble(parts[1]);
            return denominator == 0 ? 0 : Double.parseDouble(parts[0]) / denominator;
        }
    }

    /** One stream; {@code width}, {@code height} and {@code frameRate} are 0 for audio. */
    public record Stream(String codec, int width, int height, double frameRate, double duration, int frames) {
    }

    private static boolean runs(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String execute(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }
}
