package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 2: a forged, tampered, unsigned or replayed webhook changes nothing, through the real wiring on
 * PostgreSQL. The test plays HeyGen's webhook sender with the signing secret the operator configured
 * ({@code HEYGEN_WEBHOOK_SECRET}); HeyGen itself (the simulator) answers the status calls and serves the file.
 */
class WebhookSecurityEndToEndTest {

    private static final String SECRET = "whsec_operator_configured_secret";

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(2))
            // The service registers its plain-HTTP loopback address; HeyGen itself would want https.
            .withHttpWebhookUrlsAllowed());
    private AvatarVideoService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        simulator.close();
    }

    @Test
    void onlyAGenuineWebhookMovesAVideoAndOnlyOnce() throws Exception {
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        service = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir, port, simulator.baseUrl(),
                simulator.apiKey(), Map.of("HEYGEN_PROCESSING_MODE", "webhook", "PUBLIC_BASE_URL", base.toString(),
                        "HEYGEN_WEBHOOK_SECRET", SECRET))));
        URI webhook = base.resolve("/webhooks/heygen");
        String id = fixture.requestVideos(base, 1, "Guarded").getFirst();
        TrackingFixture.await("the video is rendering", () -> "RENDERING".equals(fixture.statuses(List.of(id)).get(id)));
        String renderId = renderIdOf(id);
        String genuine = """
                {"event_type": "avatar_video.success", "event_data": {"video_id": "%s", "url": "https://attacker.example/evil.mp4",
                 "callback_id": null}}""".formatted(renderId);
        TrackingFixture.await("HeyGen finished the render", () -> "completed".equals(heygenStatus(renderId)));
        JsonNode before = fixture.video(base, id);

        HttpResponse<String> forged = fixture.post(webhook, genuine, Map.of("Signature", sign("whsec_guessed", genuine)));
        HttpResponse<String> tampered = fixture.post(webhook, genuine.replace(renderId, "someone-elses-render"),
                Map.of("Signature", sign(SECRET, genuine)));
        HttpResponse<String> unsigned = fixture.post(webhook, genuine, Map.of());

        assertThat(List.of(forged.statusCode(), tampered.statusCode(), unsigned.statusCode())).containsOnly(401);
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        Thread.sleep(1_500);
        assertThat(fixture.video(base, id)).as("nothing changed").isEqualTo(before);
        assertThat(fixture.count("SELECT count(*) FROM renderer_events")).isZero();
        assertThat(fixture.status(base).at("/statusCalls/single").asLong()).as("not even a status call").isZero();

        HttpResponse<String> accepted = fixture.post(webhook, genuine, Map.of("X-HeyGen-Signature", "sha256=" + sign(SECRET, genuine)));
        assertThat(accepted.statusCode()).isEqualTo(200);
        TrackingFixture.await("the video is READY", () -> "READY".equals(fixture.statuses(List.of(id)).get(id)));
        JsonNode ready = fixture.video(base, id);
        assertThat(simulator.videoDownloads()).as("downloaded from HeyGen, not from the URL in the body").isEqualTo(1);
        assertThat(ready.at("/file/checksum").asText()).isEqualTo(sha256(download(ready.at("/file/fileUrl").asText())));
        assertThat(ready.at("/file/fileSize").asLong()).isEqualTo(simulator.videoFileSize(renderId));

        HttpResponse<String> replayed = fixture.post(webhook, genuine, Map.of("Signature", sign(SECRET, genuine)));
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).contains("duplicate");
        Thread.sleep(1_500);
        assertThat(fixture.video(base, id).get("updatedAt")).isEqualTo(ready.get("updatedAt"));
        assertThat(fixture.video(base, id).at("/file/storagePath")).isEqualTo(ready.at("/file/storagePath"));
        assertThat(simulator.videoDownloads()).isEqualTo(1);
        JsonNode status = fixture.status(base);
        assertThat(status.at("/statusCalls/single").asLong()).as("the replay asked HeyGen nothing").isEqualTo(1);
        assertThat(status.at("/webhook/deliveriesReceived").asLong()).isEqualTo(2);
    }

    private String renderIdOf(String videoId) {
        return fixture.sql.withHandle(handle -> handle.createQuery("SELECT render_id FROM avatar_videos WHERE id = CAST(:id AS uuid)")
                .bind("id", videoId).mapTo(String.class).one());
    }

    private String heygenStatus(String renderId) {
        return fixture.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v3/videos/" + renderId)).header("X-Api-Key", simulator.apiKey())
                .build(), 200).at("/data/status").asText();
    }

    private byte[] download(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
