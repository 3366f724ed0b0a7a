package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations.WebhookRegistration;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renderer's webhooks as this server hosts them, and the status route, over HTTP on the real services with
 * in-memory out-ports. The webhook here is a simulated renderer's ({@link SimulatedWebhook}): what the server does with
 * any webhook's calls and answers is under test, not HeyGen's format (the HeyGen adapter's tests, and bootstrap's end
 * to end, cover that).
 */
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
        server.webhookRegistrations.save(new WebhookRegistration(FakeBackedServer.SERVICE_ACCOUNT, URI.create("https://x/webhooks/simulated"), "ep",
                SECRET, server.clock.now()));
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), "v", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, server.clock.now());
        server.videos.add(video);
        rendering = server.videos.update(video.startRendering(new RenderId("render-1"), server.clock.now()));
        server.work.startTracking(video.id(), new RendererAccount("acc0acc0acc0"), server.clock.now(),
                server.clock.now().plus(Duration.ofMinutes(10)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSignedSuccessIsAcceptedOnceAndADuplicateChangesNothing() throws Exception {
        String body = success("render-1");

        HttpResponse<String> first = post(body, SECRET.value());
        HttpResponse<String> again = post(body, SECRET.value());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json.readTree(first.body()).get("received").asBoolean()).isTrue();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(server.renderEvents.applyReceived()).isEqualTo(1);
        assertThat(server.work.claimForIngest(server.clock.now(), 10)).extracting(AvatarVideo::id).containsExactly(rendering.id());
    }

    @Test
    void textTheDatabaseCannotHoldIsRefusedNamingItsFieldOnlyToASignedCallAndNothingIsKept() throws Exception {
        String nul = "{\"render\":\"render-1\\u0000\\nforged\"}";
        String surrogate = "{\"render\":\"render-1\",\"note\":\"x\\ud800\"}";

        HttpResponse<String> signed = post(nul, SECRET.value());
        HttpResponse<String> signedNote = post(surrogate, SECRET.value());
        HttpResponse<String> unsigned = post(nul, null);

        assertThat(signed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(signed.body()).get("field").asText()).isEqualTo("render");
        assertThat(signedNote.statusCode()).isEqualTo(400);
        assertThat(json.readTree(signedNote.body()).get("field").asText()).isEqualTo("note");
        assertThat(unsigned.statusCode()).as("an unsigned caller learns only that").isEqualTo(401);
        assertThat(server.renderEvents.applyReceived()).isZero();
        assertThat(server.work.deliveries()).isZero();
    }

    @Test
    void forgedAndUnsignedCallsGet401AsProblemsInTheWebhooksWordsAndKeepNothing() throws Exception {
        String body = success("render-1");

        for (HttpResponse<String> refused : List.of(post(body, "whsec_forged"), post(body, null))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.get("type").asText()).isEqualTo("/problems/webhook-signature-invalid");
            assertThat(problem.get("detail").asText()).contains(SimulatedWebhook.SEAL).doesNotContain(SECRET.value());
        }
        assertThat(server.work.deliveries()).isZero();
    }

    @Test
    void callsAboutNothingTrackedAreAcknowledgedAndIgnored() throws Exception {
        HttpResponse<String> response = post("{\"other\":\"gif\"}", SECRET.value());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("ignored").asBoolean()).isTrue();
        assertThat(server.work.deliveries()).isZero();
    }

    @Test
    void aSignedButBrokenBodyIsABadRequestNamingTheBody() throws Exception {
        String notAnEvent = "[1, 2]";
        String notJson = "<xml/>";

        HttpResponse<String> unusable = post(notAnEvent, SECRET.value());
        HttpResponse<String> garbage = post(notJson, SECRET.value());

        assertThat(unusable.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unusable.body()).get("field").asText()).isEqualTo("body");
        assertThat(json.readTree(unusable.body()).get("detail").asText()).as("in the webhook's words").contains("simulated event object");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(json.readTree(garbage.body()).get("type").asText()).isEqualTo("/problems/malformed-json");
        assertThat(json.readTree(garbage.body()).get("field").asText()).isEqualTo("body");
        assertThat(post(notJson, null).statusCode()).as("unsigned: nothing is said about the body").isEqualTo(401);
    }

    @Test
    void answersReachabilityProbesAtEveryAddressTheWebhookAccepts() throws Exception {
        HttpResponse<String> probe = options(SimulatedWebhook.PATH);

        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.headers().firstValue("Allow")).contains("POST, OPTIONS");
        assertThat(options(SimulatedWebhook.PATH + "/aaaaaaaaaaaa").statusCode()).isEqualTo(200);
        assertThat(options(SimulatedWebhook.PATH + "/NOT-HEX").statusCode()).isEqualTo(404);
    }

    @Test
    void statusShowsModeActiveVideosWebhookCallsAndOverdueRenders() throws Exception {
        post(success("render-other"), SECRET.value());
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

    @Test
    void aTenantAccountsSecretVerifiesCallsToItsOwnAddressOnly() throws Exception {
        WebhookSecret tenants = new WebhookSecret("whsec_tenant_account");
        String account = "aaaaaaaaaaaa";
        server.webhookRegistrations.save(new WebhookRegistration(new RendererAccount(account), URI.create("https://x/webhooks/simulated/" + account),
                "ep2", tenants, server.clock.now()));
        String body = success("render-1");

        assertThat(post(SimulatedWebhook.PATH, body, tenants.value()).statusCode()).as("not at the service's address").isEqualTo(401);
        assertThat(post(SimulatedWebhook.PATH + "/" + account, body, SECRET.value()).statusCode())
                .as("the service's secret does not verify a tenant account's calls").isEqualTo(401);
        assertThat(post(SimulatedWebhook.PATH + "/bbbbbbbbbbbb", body, tenants.value()).statusCode()).as("another account").isEqualTo(401);
        assertThat(post(SimulatedWebhook.PATH + "/" + account, body, tenants.value()).statusCode()).isEqualTo(200);
        assertThat(post(SimulatedWebhook.PATH + "/NOT-HEX", body, tenants.value()).statusCode()).isEqualTo(404);
    }

    @Test
    void theApiDescriptionIncludesEachHostedWebhooksOwnPart() throws Exception {
        JsonNode description = json.readTree(http.send(HttpRequest.newBuilder(server.uri("/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(description.at("/paths/~1webhooks~1simulated/post/operationId").asText()).isEqualTo("simulatedWebhook");
        assertThat(description.at("/components/requestBodies/SimulatedEvent").isObject()).isTrue();
        assertThat(description.at("/components/responses/Unauthorized").isObject()).as("the service's own parts stay").isTrue();
    }

    private static String success(String renderId) {
        return "{\"render\":\"" + renderId + "\",\"url\":\"https://evil.example/not-the-video.mp4\"}";
    }

    private HttpResponse<String> post(String body, String secret) throws Exception {
        return post(SimulatedWebhook.PATH, body, secret);
    }

    private HttpResponse<String> post(String path, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(SimulatedWebhook.SEAL, secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> options(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
