package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.bootstrap.LessonFiles.Cue;
import dev.avatarvideo.bootstrap.LessonFiles.Picture;
import dev.avatarvideo.testsupport.TestS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, acceptance 1, through the real wiring on each storage provider: a two-scene video with sidecar captions
 * reaches READY with its whole lesson, and every part, downloaded by the address the API hands out, is what the API
 * says it is — the video H.264 with the duration and frame ffprobe reads, the SRT and WebVTT one cue per scene in order
 * with the scene's script, the poster a JPEG, the preview a GIF, and each file's SHA-256 its {@code checksum}.
 */
class LessonBundleEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(LessonBundleEndToEndTest.class);
    /** Shorter than a subtitle line (42 characters), so each cue holds its script on one line, unwrapped. */
    static final List<String> SCRIPTS = List.of("Welcome to the second lesson.", "Today we keep every part of it.");
    /** ffprobe's duration is the longest stream's; the facts may come from the video track alone (an AAC frame is 21 ms). */
    private static final double DURATION_TOLERANCE_SECONDS = 0.1;

    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "STORAGE_PROVIDER={0}")
    @ValueSource(strings = {"filesystem", "s3"})
    void aTwoSceneVideoWithSidecarCaptionsKeepsEveryPartAsItsMetadataDescribesIt(String provider) throws Exception {
        try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(environmentFor(provider)))) {
            JsonNode video = readyVideo(service.baseUrl(), dataDir, requestBody("Lesson 2: Every part", "sidecar"));
            LOG.info("READY lesson on {}: {}", provider, FileUrls.unsigned(video));

            assertThat(video.get("captions").asText()).isEqualTo("sidecar");
            JsonNode media = video.get("media");
            JsonNode captionFiles = video.get("captionFiles");
            assertThat(media).as("media facts of a READY video: %s", video).isNotNull();
            assertThat(captionFiles).as("caption files of a sidecar video: %s", video).isNotNull();
            List<JsonNode> parts = List.of(video.get("file"), captionFiles.get("srt"), captionFiles.get("vtt"), video.get("poster"),
                    video.get("preview"));
            assertThat(parts).as("every part present: %s", video).doesNotContainNull();

            checkVideo(download(video.get("file"), provider), media);
            checkCaptions(download(captionFiles.get("srt"), provider), download(captionFiles.get("vtt"), provider), media);
            Picture poster = LessonFiles.decode(download(video.get("poster"), provider));
            Picture preview = LessonFiles.decode(download(video.get("preview"), provider));

            assertThat(poster.format()).as("the poster decodes as a JPEG").isEqualTo("jpeg");
            assertThat(preview.format()).as("the preview decodes as a GIF").isEqualTo("gif");
            double frame = media.get("width").asDouble() / media.get("height").asDouble();
            assertThat((double) poster.width() / poster.height()).as("the poster shows the video's frame").isCloseTo(frame, within(0.02));
            assertThat((double) preview.width() / preview.height()).as("the preview shows the video's frame").isCloseTo(frame, within(0.02));
            assertThat(parts).extracting(part -> part.get("fileType").asText())
                    .containsExactly("video/mp4", "application/x-subrip", "text/vtt", "image/jpeg", "image/gif");
            assertThat(parts).extracting(part -> part.get("storagePath").asText()).doesNotHaveDuplicates()
                    .allSatisfy(path -> assertThat(path).startsWith("default/"));
            assertThat(parts).extracting(part -> part.get("fileName").asText())
                    .containsExactly("lesson-2-every-part.mp4", "lesson-2-every-part.srt", "lesson-2-every-part.vtt",
                            "lesson-2-every-part-poster.jpg", "lesson-2-every-part-preview.gif");
        }
    }

    /** The part behind its address, checked against its size and checksum and the provider it names. */
    private byte[] download(JsonNode part, String provider) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(part.get("fileUrl").asText())).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", part.get("fileName")).isEqualTo(200);
        byte[] bytes = response.body();
        assertThat(part.get("provider").asText()).isEqualTo(provider);
        assertThat((long) bytes.length).as("%s: size", part.get("fileName")).isEqualTo(part.get("fileSize").asLong());
        assertThat(LessonFiles.sha256(bytes)).as("%s: SHA-256", part.get("fileName")).isEqualTo(part.get("checksum").asText());
        return bytes;
    }

    private void checkVideo(byte[] video, JsonNode media) throws Exception {
        JsonNode probe = LessonFiles.ffprobe(video, scratch);
        JsonNode picture = LessonFiles.stream(probe, "video");
        JsonNode sound = LessonFiles.stream(probe, "audio");
        LOG.info("ffprobe: video {} {}x{}, audio {}, duration {} s; the API's media facts: {}", picture.path("codec_name").asText(),
                picture.path("width").asInt(), picture.path("height").asInt(), sound.path("codec_name").asText("-"),
                probe.at("/format/duration").asText(), media);

        assertThat(picture.path("codec_name").asText()).as("the video is H.264").isEqualTo("h264");
        assertThat(media.get("videoCodec").asText()).isEqualTo("h264");
        assertThat(media.get("width").asInt()).as("width").isEqualTo(picture.path("width").asInt()).isPositive();
        assertThat(media.get("height").asInt()).as("height").isEqualTo(picture.path("height").asInt()).isPositive();
        assertThat(media.get("durationSeconds").asDouble()).as("duration")
                .isCloseTo(probe.at("/format/duration").asDouble(), within(DURATION_TOLERANCE_SECONDS));
        if (sound.isMissingNode()) {
            assertThat(media.path("audioCodec").isNull() || media.path("audioCodec").isMissingNode()).as("no sound, no audio codec").isTrue();
        } else {
            assertThat(media.get("audioCodec").asText()).isEqualTo(sound.path("codec_name").asText());
        }
        assertThat(media.get("framesPerSecond").asDouble()).isPositive();
        assertThat(media.get("bitsPerSecond").asLong()).isPositive();
    }

    private static void checkCaptions(byte[] srt, byte[] vtt, JsonNode media) {
        List<Cue> srtCues = LessonFiles.srtCues(srt);
        List<Cue> vttCues = LessonFiles.vttCues(vtt);

        assertThat(srtCues).as("SRT: one cue per scene, in order, each the scene's script").extracting(Cue::text).containsExactlyElementsOf(SCRIPTS);
        assertThat(vttCues).as("WebVTT: one cue per scene, in order, each the scene's script").extracting(Cue::text).containsExactlyElementsOf(SCRIPTS);
        assertThat(vttCues).as("the WebVTT is the SRT's timing, converted").usingRecursiveFieldByFieldElementComparator().isEqualTo(srtCues);
        assertThat(srtCues.get(0).start()).isZero();
        assertThat(srtCues.get(1).start()).as("the second scene follows the first").isGreaterThanOrEqualTo(srtCues.get(0).end());
        assertThat(srtCues.get(1).end()).as("captions end with the video").isLessThanOrEqualTo(media.get("durationSeconds").asDouble() + DURATION_TOLERANCE_SECONDS);
    }

    static String requestBody(String title, String captions) {
        return """
                {"title": "%s", "captions": "%s", "resolution": "720p", "aspectRatio": "16:9", "scenes": [
                  {"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "%s"},
                  {"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "%s"}]}""".formatted(title, captions, SCRIPTS.get(0),
                SCRIPTS.get(1));
    }

    private Map<String, String> environmentFor(String provider) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DATA_DIR", dataDir.toString(),
                "PORT", "0",
                "SIMULATOR_RENDER_MS", "1000",
                "HEYGEN_POLL_INTERVAL_MS", "300",
                "STORAGE_PROVIDER", provider));
        if (provider.equals("s3")) {
            TestS3.Server s3 = TestS3.server();
            env.putAll(Map.of(
                    "S3_BUCKET", s3.freshBucket(),
                    "S3_ENDPOINT", s3.endpoint().toString(),
                    "S3_REGION", s3.region(),
                    "AWS_ACCESS_KEY_ID", s3.accessKey(),
                    "AWS_SECRET_ACCESS_KEY", s3.secretKey()));
        }
        return env;
    }

    /** Requests a video with the default key of {@code dataDir} and waits for it to be READY; a FAILED video fails the test. */
    JsonNode readyVideo(URI base, Path keys, String body) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/videos")).header("Content-Type", "application/json")
                .header("Authorization", ApiKeyFiles.bearer(keys)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = json.readTree(created.body()).get("id").asText();
        Instant deadline = Instant.now().plusSeconds(90);
        JsonNode video = null;
        while (Instant.now().isBefore(deadline)) {
            video = json.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/videos/" + id)).header("Authorization", ApiKeyFiles.bearer(keys))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            if (video.get("status").asText().equals("READY")) {
                return video;
            }
            assertThat(video.get("status").asText()).as("video went wrong: %s", video).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("video " + id + " was not READY within 90 s; last seen " + video);
    }
}
