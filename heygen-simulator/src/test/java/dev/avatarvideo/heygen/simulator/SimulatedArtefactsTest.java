package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.RawHeyGen.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avatarvideo.testsupport.Ffmpeg;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The files a finished simulated render hands out are real: MP4s that ffprobe reads as H.264 + AAC of the frame size
 * asked for and as long as speaking the scripts takes, subtitles with a cue per scene timed like the video, a JPEG
 * poster and an animated GIF that show the video's own title.
 */
class SimulatedArtefactsTest {

    private static final String SHORT = "Welcome to the course.";
    private static final String MEDIUM = "In this lesson we look at how a heat pump moves warmth from the cold outside air into "
            + "a warm house, and why that takes less electricity than making the heat directly.";
    private static final String LONG = MEDIUM.repeat(4);

    private final SettableClock clock = new SettableClock();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(10)), clock);
    private final RawHeyGen heygen = new RawHeyGen(simulator.baseUrl(), simulator.apiKey());
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path files;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void theVideoIsH264AndAacAndLastsAsLongAsSpeakingItsScripts() throws Exception {
        Assumptions.assumeTrue(Ffmpeg.installed(), Ffmpeg.MISSING);
        JsonNode done = finished(studio(List.of(SHORT, MEDIUM, LONG), null));

        Ffmpeg.Probe probe = Ffmpeg.probe(download(done.get("video_url").asText(), "video.mp4"));

        double spoken = List.of(SHORT, MEDIUM, LONG).stream()
                .mapToDouble(script -> Math.max(2.0, script.length() / (double) RenderPlan.CHARACTERS_PER_SECOND)).sum();
        assertThat(done.get("duration").asDouble()).as("status duration: speaking time, each scene rounded up to a piece")
                .isBetween(spoken, spoken + 3 * 0.64);
        assertThat(probe.duration()).isCloseTo(done.get("duration").asDouble(), within(0.05));
        Ffmpeg.Stream video = probe.video().orElseThrow();
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.frameRate()).isCloseTo(25.0, within(0.01));
        assertThat(video.duration()).isCloseTo(done.get("duration").asDouble(), within(0.05));
        assertThat(List.of(video.width(), video.height())).containsExactly(1280, 720);
        Ffmpeg.Stream audio = probe.audio().orElseThrow();
        assertThat(audio.codec()).isEqualTo("aac");
        assertThat(audio.duration()).as("audio as long as the picture").isCloseTo(video.duration(), within(0.05));
    }

    @ParameterizedTest(name = "{0} {1} renders {2}x{3}")
    @CsvSource({"720p, 9:16, 720, 1280", "1080p, 16:9, 1920, 1080", "1080p, 4:5, 1080, 1350", "4k, 1:1, 2160, 2160", "720p, auto, 1280, 720"})
    void theVideoHasTheFrameSizeOfItsResolutionAndAspectRatio(String resolution, String aspectRatio, int width, int height) throws Exception {
        Assumptions.assumeTrue(Ffmpeg.installed(), Ffmpeg.MISSING);
        ObjectNode body = studio(List.of(SHORT), null);
        body.put("resolution", resolution).put("aspect_ratio", aspectRatio);

        Ffmpeg.Stream video = Ffmpeg.probe(download(finished(body).get("video_url").asText(), "video.mp4")).video().orElseThrow();

        assertThat(List.of(video.width(), video.height())).containsExactly(width, height);
    }

    @Test
    void theSubtitlesHaveOneCuePerSceneInOrderEachSpanningItsSceneOfTheVideo() throws Exception {
        List<String> scripts = List.of(SHORT, LONG, "Goodbye,\n\n  and   thanks.");
        JsonNode done = finished(studio(scripts, Map.of("file_format", "srt")));

        HttpResponse<String> srt = http.send(HttpRequest.newBuilder(URI.create(done.get("subtitle_url").asText())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(srt.statusCode()).isEqualTo(200);
        assertThat(srt.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-subrip");
        List<Cue> cues = Cue.parse(srt.body());
        assertThat(cues).extracting(Cue::number).containsExactly(1, 2, 3);
        assertThat(cues).extracting(Cue::text).containsExactly(SHORT, LONG, "Goodbye, and thanks.");
        assertThat(cues.get(1).lines()).as("a long script wrapped inside its cue").hasSizeGreaterThan(5)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Subtitles.LINE_LENGTH));
        assertThat(cues.getFirst().startMillis()).isZero();
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startMillis()).as("cue %d starts where the scene before it ends", i + 1).isEqualTo(cues.get(i - 1).endMillis());
        }
        assertThat(cues.getLast().endMillis()).isEqualTo(Math.round(done.get("duration").asDouble() * 1000));
        assertThat(cues.get(1).endMillis() - cues.get(1).startMillis()).as("the long scene lasts as long as speaking it")
                .isBetween(LONG.length() * 1000L / RenderPlan.CHARACTERS_PER_SECOND, LONG.length() * 1000L / RenderPlan.CHARACTERS_PER_SECOND + 640);
    }

    @Test
    void imageAndVideoScenesTakeTheirTimeInTheVideoAndANarratedImageSceneHasItsCue() throws Exception {
        ObjectNode body = studio(List.of(SHORT), Map.of("file_format", "srt"));
        ArrayNode scenes = (ArrayNode) body.get("scenes");
        ObjectNode source = RawHeyGen.JSON.createObjectNode().put("type", "url").put("url", "https://cdn.example/slide.png");
        scenes.addObject().put("type", "image").put("script", "Look at this chart.").put("voice_id", "sim-voice-en-1").set("source", source);
        scenes.addObject().put("type", "image").put("duration", 5).set("source", source);
        scenes.addObject().put("type", "video").set("source", source.deepCopy().put("url", "https://cdn.example/clip.mp4"));
        JsonNode done = finished(body);

        String srt = http.send(HttpRequest.newBuilder(URI.create(done.get("subtitle_url").asText())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();

        // Pieces of 0.64 s: two short spoken scenes of 2 s each (4 pieces), the silent image 5 s (8), the video clip 2 s (4).
        assertThat(done.get("duration").asDouble()).isEqualTo(20 * 0.64, within(1e-9));
        List<Cue> cues = Cue.parse(srt);
        assertThat(cues).extracting(Cue::text).containsExactly(SHORT, "Look at this chart.");
        assertThat(List.of(cues.get(1).startMillis(), cues.get(1).endMillis())).containsExactly(2560L, 5120L);
    }

    @Test
    void subtitlesComeOnlyWithCaptionAndTheCaptionedCopyOnlyWithAStyle() throws Exception {
        JsonNode plain = finished(studio(List.of(SHORT), null));
        JsonNode sidecar = finished(studio(List.of(SHORT), Map.of("file_format", "srt")));
        JsonNode burnedIn = finished(studio(List.of(SHORT), Map.of("file_format", "srt", "style", "default")));

        assertThat(plain.get("subtitle_url").isNull()).isTrue();
        assertThat(plain.get("captioned_video_url").isNull()).isTrue();
        assertThat(sidecar.get("subtitle_url").asText()).contains(".srt?Expires=");
        assertThat(sidecar.get("captioned_video_url").isNull()).as("no style, no burned-in copy").isTrue();
        assertThat(burnedIn.get("subtitle_url").asText()).contains(".srt?Expires=");
        assertThat(burnedIn.get("captioned_video_url").asText()).contains("-captioned.mp4?Expires=").contains("Signature=");
        String forged = sidecar.get("subtitle_url").asText().replace(".srt?", "-captioned.mp4?");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(forged)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theCaptionedCopyIsAnotherPlayableFileOfTheSameLength() throws Exception {
        Assumptions.assumeTrue(Ffmpeg.installed(), Ffmpeg.MISSING);
        JsonNode done = finished(studio(List.of(SHORT, MEDIUM), Map.of("file_format", "srt", "style", "default")));

        Path plain = download(done.get("video_url").asText(), "plain.mp4");
        Path captioned = download(done.get("captioned_video_url").asText(), "captioned.mp4");

        assertThat(Files.mismatch(plain, captioned)).as("a different file").isNotEqualTo(-1L);
        Ffmpeg.Probe probe = Ffmpeg.probe(captioned);
        assertThat(probe.video().orElseThrow().codec()).isEqualTo("h264");
        assertThat(probe.duration()).isCloseTo(Ffmpeg.probe(plain).duration(), within(0.01));
    }

    @Test
    void thePosterIsAJpegAndThePreviewALoopingAnimatedGifBothShowingTheVideosOwnTitle() throws Exception {
        ObjectNode first = studio(List.of(SHORT, MEDIUM), null);
        ObjectNode second = studio(List.of(SHORT, MEDIUM), null).put("title", "Another lesson entirely");
        JsonNode one = finished(first);
        JsonNode two = finished(second);

        BufferedImage poster = ImageIO.read(download(one.get("thumbnail_url").asText(), "poster.jpg").toFile());
        BufferedImage otherPoster = ImageIO.read(download(two.get("thumbnail_url").asText(), "other.jpg").toFile());
        byte[] gif = Files.readAllBytes(download(one.get("gif_url").asText(), "preview.gif"));

        assertThat(List.of(poster.getWidth(), poster.getHeight())).containsExactly(640, 360);
        assertThat(differingPixels(poster, otherPoster)).as("the title is drawn on the poster").isGreaterThan(100);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(PreviewPictures.PREVIEW_FRAMES);
            assertThat(List.of(reader.getWidth(0), reader.getHeight(0))).containsExactly(320, 180);
            assertThat(differingPixels(reader.read(0), reader.read(1))).as("the frames differ: it moves").isPositive();
        }
        assertThat(new String(gif, StandardCharsets.ISO_8859_1)).as("loops").contains("NETSCAPE2.0");
    }

    @Test
    void aPaddedVideoHasTheRequestedSizeAndStillReadsAsTheSameVideo() throws Exception {
        Assumptions.assumeTrue(Ffmpeg.installed(), Ffmpeg.MISSING);
        long size = 3L * 1024 * 1024;
        try (HeyGenSimulator padding = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ZERO).withVideoSize(size))) {
            RawHeyGen raw = new RawHeyGen(padding.baseUrl(), padding.apiKey());
            String id = json(raw.post("/v3/videos", studio(List.of(MEDIUM), null).toString())).at("/data/video_id").asText();
            JsonNode done = json(raw.get("/v3/videos/" + id)).get("data");

            Path video = download(done.get("video_url").asText(), "padded.mp4");

            assertThat(Files.size(video)).isEqualTo(size).isEqualTo(padding.videoFileSize(id));
            assertThat(Ffmpeg.probe(video).video().orElseThrow().duration()).isCloseTo(done.get("duration").asDouble(), within(0.05));
        }
    }

    private ObjectNode studio(List<String> scripts, Map<String, String> caption) {
        ObjectNode body = RawHeyGen.JSON.createObjectNode().put("type", "studio").put("title", "Heat pumps, lesson 1");
        ArrayNode scenes = body.putArray("scenes");
        for (String script : scripts) {
            ObjectNode input = scenes.addObject().put("type", "avatar_video").putObject("input");
            input.put("type", "avatar").put("avatar_id", "sim-avatar-anna").put("voice_id", "sim-voice-en-1").put("script", script);
        }
        if (caption != null) {
            ObjectNode node = body.putObject("caption");
            caption.forEach(node::put);
        }
        return body;
    }

    /** Creates the render, lets it finish and answers its status data. */
    private JsonNode finished(ObjectNode body) {
        HttpResponse<String> created = heygen.post("/v3/videos", body.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = json(created).at("/data/video_id").asText();
        clock.advance(Duration.ofSeconds(11));
        JsonNode data = json(heygen.get("/v3/videos/" + id)).get("data");
        assertThat(data.get("status").asText()).isEqualTo("completed");
        return data;
    }

    private Path download(String url, String name) throws Exception {
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(files.resolve(name)));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int differing = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                differing += a.getRGB(x, y) == b.getRGB(x, y) ? 0 : 1;
            }
        }
        return differing;
    }

    /** One SubRip cue, parsed independently of the simulator's writer. */
    record Cue(int number, long startMillis, long endMillis, List<String> lines) {

        private static final Pattern TIMING = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2}),(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2}),(\\d{3})");

        String text() {
            return String.join(" ", lines);
        }

        static List<Cue> parse(String srt) {
            List<Cue> cues = new ArrayList<>();
            for (String block : srt.strip().split("\n\n")) {
                List<String> lines = block.lines().toList();
                Matcher timing = TIMING.matcher(lines.get(1));
                assertThat(timing.matches()).as("timing line '%s'", lines.get(1)).isTrue();
                cues.add(new Cue(Integer.parseInt(lines.get(0)), millis(timing, 1), millis(timing, 5), lines.subList(2, lines.size())));
            }
            return cues;
        }

        private static long millis(Matcher m, int group) {
            return ((Long.parseLong(m.group(group)) * 60 + Long.parseLong(m.group(group + 1))) * 60 + Long.parseLong(m.group(group + 2))) * 1000
                    + Long.parseLong(m.group(group + 3));
        }
    }
}
