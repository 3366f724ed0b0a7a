package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the files of a stored lesson as their consumers do: caption cues as a player parses SRT and WebVTT, the video
 * as ffprobe sees it, pictures as an image decoder does. Each reader refuses what its format does not allow, so a test
 * comparing what it read with the API's facts fails on a malformed file, not only on a wrong fact.
 */
final class LessonFiles {

    /** {@code 00:00:01,280 --> 00:00:03,840} (SRT) or {@code 00:00:01.280 --> 00:00:03.840} (WebVTT, hours optional). */
    private static final Pattern TIMING = Pattern.compile(
            "^(?:(\\d{2,}):)?(\\d{2}):(\\d{2})[,.](\\d{3}) --> (?:(\\d{2,}):)?(\\d{2}):(\\d{2})[,.](\\d{3})(?: .*)?$");

    private LessonFiles() {
    }

    /** One caption cue: when it shows, in seconds, and its text (lines joined by {@code \n}). */
    record Cue(double start, double end, String text) {
    }

    /** The cues of an SRT file: blocks of a counter, a timing line and text lines, separated by blank lines. */
    static List<Cue> srtCues(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8).replace("\r\n", "\n").strip();
        List<Cue> cues = new ArrayList<>();
        int expected = 1;
        for (String block : text.split("\n\n+")) {
            List<String> lines = block.lines().toList();
            assertThat(lines).as("an SRT block has a counter, a timing and text: %s", block).hasSizeGreaterThanOrEqualTo(3);
            assertThat(lines.get(0).strip()).as("SRT counters run 1, 2, 3, ...").isEqualTo(Integer.toString(expected++));
            assertThat(lines.get(1)).as("SRT timings use a comma").contains(",").doesNotContain(".");
            cues.add(cue(lines.get(1), lines.subList(2, lines.size())));
        }
        return cues;
    }

    /** The cues of a WebVTT file: the {@code WEBVTT} header, then blocks of an optional identifier, a timing line and text. */
    static List<Cue> vttCues(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(text).as("a WebVTT file starts with its signature (a BOM allowed)").matches("(?s)^\uFEFF?WEBVTT([ \t\n].*)?");
        List<String> blocks = List.of(text.strip().split("\n\n+"));
        List<Cue> cues = new ArrayList<>();
        for (String block : blocks.subList(1, blocks.size())) {
            List<String> lines = block.lines().toList();
            if (lines.getFirst().startsWith("NOTE") || lines.getFirst().startsWith("STYLE") || lines.getFirst().startsWith("REGION")) {
                continue;
            }
            int timing = lines.getFirst().contains("-->") ? 0 : 1;
            assertThat(lines.size()).as("a WebVTT cue has a timing and text: %s", block).isGreaterThan(timing + 1);
            assertThat(lines.get(timing)).as("WebVTT timings use a full stop").doesNotContain(",");
            cues.add(cue(lines.get(timing), lines.subList(timing + 1, lines.size())));
        }
        return cues;
    }

    private static Cue cue(String timing, List<String> text) {
        Matcher m = TIMING.matcher(timing.strip());
        assertThat(m.matches()).as("a cue timing line: '%s'", timing).isTrue();
        double start = seconds(m.group(1), m.group(2), m.group(3), m.group(4));
        double end = seconds(m.group(5), m.group(6), m.group(7), m.group(8));
        assertThat(end).as("a cue ends after it starts: %s", timing).isGreaterThan(start);
        return new Cue(start, end, String.join("\n", text));
    }

    private static double seconds(String hours, String minutes, String seconds, String millis) {
        return (hours == null ? 0 : Integer.parseInt(hours)) * 3600 + Integer.parseInt(minutes) * 60 + Integer.parseInt(seconds)
                + Integer.parseInt(millis) / 1000.0;
    }

    /** What ffprobe says about a video file ({@code -show_streams -show_format}, as JSON). */
    static JsonNode ffprobe(byte[] video, Path scratch) throws IOException, InterruptedException {
        Path file = Files.createTempFile(scratch, "probed-", ".mp4");
        Files.write(file, video);
        Process process = new ProcessBuilder("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ffprobe finished").isTrue();
        assertThat(process.exitValue()).as("ffprobe read the video").isZero();
        return new ObjectMapper().readTree(out);
    }

    /** The first stream of {@code type} ({@code video}, {@code audio}) in ffprobe's answer, or a missing node. */
    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode stream : probe.path("streams")) {
            if (type.equals(stream.path("codec_type").asText())) {
                return stream;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A picture as decoded: the format the decoder recognised by the bytes (not by a name or a type) and its size. */
    record Picture(String format, int width, int height) {
    }

    static Picture decode(byte[] image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertThat(readers.hasNext()).as("some image decoder recognises the %d bytes", image.length).isTrue();
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                var decoded = reader.read(0);
                return new Picture(reader.getFormatName().toLowerCase(Locale.ROOT), decoded.getWidth(), decoded.getHeight());
            } finally {
                reader.dispose();
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
