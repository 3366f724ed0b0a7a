package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walking skeleton through the real wiring with nothing configured but a data directory: embedded PostgreSQL,
 * filesystem storage and the in-process HeyGen simulator, exactly what {@code main} starts.
 */
class WalkingSkeletonEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(WalkingSkeletonEndToEndTest.class);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRequestedVideoEndsAsAVerifiedH264FileThatSurvivesARestart() throws Exception {
        Configuration config = Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(),
                "PORT", "0",
                "SIMULATOR_RENDER_MS", "1500",
                "HEYGEN_POLL_INTERVAL_MS", "300"));
        String videoId;
        JsonNode file;
        byte[] downloaded;
        try (AvatarVideoService service = AvatarVideoService.start(config)) {
            Instant before = Instant.now();
            HttpResponse<String> created = post(service.baseUrl(), "/api/videos", """
                    {"title": "Lesson 1: Welcome", "resolution": "720p", "aspectRatio": "16:9",
                     "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Welcome to the course."}]}""");
            LOG.info("POST /api/videos answered in {} ms", Duration.between(before, Instant.now()).toMillis());

            assertThat(created.statusCode()).isEqualTo(202);
            videoId = json.readTree(created.body()).get("id").asText();
            assertThat(json.readTree(created.body()).get("status").asText()).isEqualTo("QUEUED");

            JsonNode ready = awaitStatus(service.baseUrl(), videoId, "READY");
            file = ready.get("file");
            assertThat(file.get("fileName").asText()).isEqualTo("lesson-1-welcome.mp4");
            assertThat(file.get("fileType").asText()).isEqualTo("video/mp4");
            assertThat(file.get("provider").asText()).isEqualTo("filesystem");
            assertThat(file.get("storagePath").asText()).startsWith("default/").endsWith(".mp4");
            assertThat(file.get("uploadedAt").asText()).isNotBlank();

            downloaded = download(file.get("fileUrl").asText());
            assertThat((long) downloaded.length).isEqualTo(file.get("fileSize").asLong());
            assertThat(sha256(downloaded)).isEqualTo(file.get("checksum").asText());
            assertThat(Mp4Codecs.of(downloaded)).contains("avc1");
        }

        try (AvatarVideoService restarted = AvatarVideoService.start(config)) {
            JsonNode again = json.readTree(get(restarted.baseUrl(), "/api/videos/" + videoId).body());

            assertThat(again.get("status").asText()).isEqualTo("READY");
            assertThat(again.get("file").get("checksum")).isEqualTo(file.get("checksum"));
            assertThat(sha256(download(again.get("file").get("fileUrl").asText()))).isEqualTo(file.get("checksum").asText());
        }

        Path copy = dataDir.resolve("downloaded.mp4");
        Files.write(copy, downloaded);
        assertThat(ffprobeVideoCodec(copy)).isEqualTo("h264");
    }

    private JsonNode awaitStatus(URI base, String videoId, String wanted) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode video = null;
        while (Instant.now().isBefore(deadline)) {
            video = json.readTree(get(base, "/api/videos/" + videoId).body());
            if (video.get("status").asText().equals(wanted)) {
                return video;
            }
            assertThat(video.get("status").asText()).as("video %s went wrong: %s", videoId, video).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("video " + videoId + " did not reach " + wanted + " within 60 s; last seen " + video);
    }

    /** ffprobe reads the file as a real player would; CI installs it (Debian's ffmpeg). */
    private static String ffprobeVideoCodec(Path file) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name",
                    "-of", "default=nokey=1:noprint_wrappers=1", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("ffprobe is not installed (apt-get install ffmpeg); the MP4 box check above still ran");
            return "";
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private HttpResponse<String> post(URI base, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", ApiKeyFiles.bearer(dataDir)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
