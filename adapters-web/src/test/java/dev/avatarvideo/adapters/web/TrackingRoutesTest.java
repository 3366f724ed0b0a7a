package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations.WebhookRegistration;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook receiver and the status route over HTTP, on the real services with in-memory out-ports. */
class TrackingRoutesTest {

    private static final WebhookSecret SECRET = new WebhookSecret("whsec_routes");

    @TempDir
    Path uploads;

    private FakeBackedServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private AvatarVideo rendering;

    @BeforeEach
    void start() {
        server = new FakeBackedServer(TenantId.of("acme"), uploads, 10_000_000);
        server.webhookRegistrations.save(new WebhookRegistration(FakeBackedServer.SERVICE_ACCOUNT, URI.create("https://x/webhooks/heygen"), "ep", SECRET, server.clock.now()));
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), "v", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, server.clock.now());
        server.videos.add(video);
        rendering = server.videos.update(video.startRendering(new RenderId("render-1"), server.clock.now()));
        server.work.startTracking(video.id(), "acct", server.clock.now(), server.clock.now().plus(Duration.ofMinutes(10)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSignedSuccessIsAcceptedOnceAndADuplicateChangesNothing() throws Exception {
        String body = success("render-1");

        HttpResponse<String> first = post(body, "Signature", hex(SECRET, body));
        HttpResponse<String> again = post(body, "Signature", hex(SECRET, body));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json.readTree(first.body()).get("received").asBoolean()).isTrue();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(server.renderEvents.applyReceived()).isEqualTo(1);
        assertThat(server.work.claimForIngest(server.clock.now(), 10)).extracting(AvatarVideo::id).containsExactly(rendering.id());
    }

    @Test
    void textTheDatabaseCannotHoldIsRefusedNamingItsFieldOnlyToASignedCallAndNothingIsKept() throws Exception {
        String nul = "{\"event_type\":\"avatar_video.success\",\"event_data\":{\"video_id\":\"render-1\\u0000\\nforged\"}}";
        String surrogate = "{\"event_type\":\"avatar_video.success\\ud800\",\"event_data\":{\"video_id\":\"render-1\"}}";

        HttpResponse<String> signed = post(nul, "Signature", hex(SECRET, nul));
        HttpResponse<String> signedType = post(surrogate, "Signature", hex(SECRET, surrogate));
        HttpResponse<String> unsigned = post(nul, "Signature", "00");

        assertThat(signed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(signed.body()).get("field").asText()).isEqualTo("event_data.video_id");
        assertThat(signedType.statusCode()).isEqualTo(400);
        assertThat(json.readTree(signedType.body()).get("field").asText()).isEqualTo("event_type");
        assertThat(unsigned.statusCode()).as("an unsigned caller learns only that").isEqualTo(401);
        assertThat(server.renderEvents.applyReceived()).isZero();
    }

    @Test
    void acceptsTheOtherHeaderNameAndASha256Prefix() throws Exception {
        assertThat(post(success("render-1"), "X-HeyGen-Signature", hex(SECRET, success("render-1"))).statusCode()).isEqualTo(200);
        String failure = "{\"event_type\":\"avatar_video.fail\",\"event_data\":{\"video_id\":\"render-1\",\"msg\":\"boom\"}}";
        assertThat(post(failure, "Signature", "sha256=" + hex(SECRET, failure).toUpperCase()).statusCode()).isEqualTo(200);
        assertThat(server.work.deliveries()).isEqualTo(2);
    }

    @Test
    void forgedTamperedAndUnsignedCallsGet401AsProblemsAndKeepNothing() throws Exception {
        String body = success("render-1");
        String tampered = body.replace("render-1", "render-2");

        for (HttpResponse<String> refused : List.of(
                post(body, "Signature", hex(new WebhookSecret("whsec_forged"), body)),
                post(tampered, "Signature", hex(SECRET, body)),
                post(body, null, null),
                post(body, "Signature", "not-hex"),
                post(body, "Signature", ""))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.get("type").asText()).isEqualTo("/problems/webhook-signature-invalid");
            assertThat(problem.get("detail").asText()).contains("Signature").doesNotContain(SECRET.value());
        }
        assertThat(server.work.deliveries()).isZero();
    }

    @Test
    void unknownEventTypesAreAcknowledgedAndIgnored() throws Exception {
        String gif = "{\"event_type\":\"avatar_video_gif.success\",\"event_data\":{\"video_id\":\"render-1\"}}";

        HttpResponse<String> response = post(gif, "Signature", hex(SECRET, gif));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("ignored").asBoolean()).isTrue();
        assertThat(server.work.deliveries()).isZero();
    }

    @Test
    void aSignedButBrokenBodyIsABadRequestNamingTheBody() throws Exception {
        String broken = "{\"event_type\":\"avatar_video.success\",\"event_data\":{}}";
        String notJson = "<xml/>";

        HttpResponse<String> noVideo = post(broken, "Signature", hex(SECRET, broken));
        HttpResponse<String> garbage = post(notJson, "Signature", hex(SECRET, notJson));

        assertThat(noVideo.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noVideo.body()).get("field").asText()).isEqualTo("body");
        assertThat(json.readTree(noVideo.body()).get("detail").asText()).contains("video_id");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(post(notJson, null, null).statusCode()).as("unsigned: nothing is said about the body").isEqualTo(401);
    }

    @Test
    void answersHeyGensProbe() throws Exception {
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(server.uri("/webhooks/heygen"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(probe.statusCode()).isEqualTo(200);
    }

    @Test
    void statusShowsModeActiveVideosWebhookCallsAndOverdueRenders() throws Exception {
        String body = success("render-other");
        post(body, "Signature", hex(SECRET, body));
        server.clock.advance(Duration.ofMinutes(11));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/admin/status")).header("Authorization", "Bearer " + FakeBackedServer.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = json.readTree(response.body());
        assertThat(status.get("processingMode").asText()).isEqualTo("hybrid");
        assertThat(status.at("/activeVideos/RENDERING").asLong()).isEqualTo(1);
        assertThat(status.at("/activeVideos/QUEUED").asLong()).isZero();
        assertThat(status.at("/webhook/enabled").asBoolean()).isTrue();
        assertThat(status.at("/webhook/deliveriesReceived").asLong()).isEqualTo(1);
        assertThat(status.at("/webhook/lastReceivedAt").asText()).isNotBlank();
        assertThat(status.at("/statusCalls/bulk").asLong()).isZero();
        assertThat(status.at("/overdue/count").asLong()).isEqualTo(1);
        assertThat(status.at("/overdue/after").asText()).isEqualTo("PT10M");
        assertThat(status.at("/overdue/videos/0/id").asText()).isEqualTo(rendering.id().toString());
        assertThat(status.at("/overdue/videos/0/renderId").asText()).isEqualTo("render-1");
    }

    private static String success(String renderId) {
        return "{\"event_type\":\"avatar_video.success\",\"event_data\":{\"video_id\":\"" + renderId
                + "\",\"url\":\"https://evil.example/not-the-video.mp4\",\"callback_id\":null}}";
    }

    @Test
    void aTenantAccountsSecretVerifiesCallsToItsOwnAddressOnly() throws Exception {
        WebhookSecret tenants = new WebhookSecret("whsec_tenant_account");
        String account = "aaaaaaaaaaaa";
        server.webhookRegistrations.save(new WebhookRegistration(account, URI.create("https://x/webhooks/heygen/" + account), "ep2", tenants,
                server.clock.now()));
        String body = success("render-1");

        assertThat(post("/webhooks/heygen", body, "Signature", hex(tenants, body)).statusCode()).as("not at the service's address").isEqualTo(401);
        assertThat(post("/webhooks/heygen/" + account, body, "Signature", hex(SECRET, body)).statusCode())
                .as("the service's secret does not verify a tenant account's calls").isEqualTo(401);
        assertThat(post("/webhooks/heygen/bbbbbbbbbbbb", body, "Signature", hex(tenants, body)).statusCode()).as("another account").isEqualTo(401);
        assertThat(post("/webhooks/heygen/" + account, body, "Signature", hex(tenants, body)).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/heygen/NOT-HEX", body, "Signature", hex(tenants, body)).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(String body, String header, String signature) throws Exception {
        return post("/webhooks/heygen", body, header, signature);
    }

    private HttpResponse<String> post(String path, String body, String header, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null && !signature.isEmpty()) {
            request.header(header, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String hex(WebhookSecret secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
