package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.testsupport.TestS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4 at the HTTP level, through the real wiring on each provider: the address a READY video carries
 * answers a player's {@code Range} requests with 206 and the right bytes, under the video's name and type.
 */
class StoredVideoPlaybackEndToEndTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "STORAGE_PROVIDER={0}")
    @ValueSource(strings = {"filesystem", "s3"})
    void aStoredVideosAddressAnswersRangeRequestsWith206(String provider) throws Exception {
        try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(environmentFor(provider)))) {
            JsonNode file = renderedVideoFile(service.baseUrl());
            URI url = URI.create(file.get("fileUrl").asText());
            long size = file.get("fileSize").asLong();

            HttpResponse<byte[]> whole = fetch(url, null);
            HttpResponse<byte[]> probe = fetch(url, "bytes=0-");
            HttpResponse<byte[]> seek = fetch(url, "bytes=1000-1999");

            assertThat(file.get("provider").asText()).isEqualTo(provider);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(sha256(whole.body())).isEqualTo(file.get("checksum").asText());
            assertThat(whole.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("video/mp4"));
            assertThat(whole.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("lesson-1-welcome.mp4"));
            assertThat(probe.statusCode()).isEqualTo(206);
            assertThat(probe.headers().firstValue("Content-Range")).contains("bytes 0-" + (size - 1) + "/" + size);
            assertThat(seek.statusCode()).isEqualTo(206);
            assertThat(seek.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + size);
            assertThat(seek.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 1000, 2000));
        }
    }

    @Test
    void aBucketThatDoesNotExistStopsTheStartWithAClearReason() {
        Map<String, String> env = environmentFor("s3");
        env.put("S3_BUCKET", "no-such-bucket-here");

        assertThatThrownBy(() -> AvatarVideoService.start(Configuration.fromEnvironment(env)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no-such-bucket-here").hasMessageContaining("does not exist")
                .hasMessageNotContaining(TestS3.server().secretKey());
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

    private JsonNode renderedVideoFile(URI base) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/videos")).header("Content-Type", "application/json")
                .header("Authorization", ApiKeyFiles.bearer(dataDir))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title": "Lesson 1: Welcome",
                         "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Welcome."}]}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(202);
        String id = json.readTree(created.body()).get("id").asText();
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode video = null;
        while (Instant.now().isBefore(deadline)) {
            video = json.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/videos/" + id)).header("Authorization", ApiKeyFiles.bearer(dataDir)).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (video.get("status").asText().equals("READY")) {
                return video.get("file");
            }
            assertThat(video.get("status").asText()).as("video went wrong: %s", video).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("video " + id + " was not READY within 60 s; last seen " + video);
    }

    private HttpResponse<byte[]> fetch(URI url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
