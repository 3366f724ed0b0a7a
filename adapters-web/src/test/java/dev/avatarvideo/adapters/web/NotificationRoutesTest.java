package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook endpoints, the callback secret and callbackUrl over real HTTP, on the real services with in-memory out-ports. */
class NotificationRoutesTest {

    private static final String SCENE = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hello\"}";

    @TempDir
    Path uploads;

    private FakeBackedServer backend;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        backend = new FakeBackedServer(TenantId.of("web"), uploads, 10_000_000);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void anEndpointIsCreatedWithItsSecretShownOnceListedWithoutItAndDeleted() throws Exception {
        HttpResponse<String> created = send("POST", "/api/webhook-endpoints",
                "{\"url\": \"https://platform.example/hooks\", \"events\": [\"video.failed\", \"video.ready\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode endpoint = json.readTree(created.body());
        String id = endpoint.get("id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/webhook-endpoints/" + id);
        assertThat(endpoint.get("url").asText()).isEqualTo("https://platform.example/hooks");
        assertThat(endpoint.get("events")).extracting(JsonNode::asText).containsExactly("video.ready", "video.failed");
        assertThat(endpoint.get("secret").asText()).startsWith("whsec_");
        assertThat(backend.endpoints.secretOf(NotificationEndpointId.parse(id).orElseThrow()).orElseThrow().value())
                .isEqualTo(endpoint.get("secret").asText());

        HttpResponse<String> listed = send("GET", "/api/webhook-endpoints", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode items = json.readTree(listed.body()).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("id").asText()).isEqualTo(id);
        assertThat(items.get(0).has("secret")).isFalse();
        assertThat(listed.body()).doesNotContain("whsec_");

        assertThat(send("DELETE", "/api/webhook-endpoints/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/webhook-endpoints/" + id, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/webhook-endpoints/not-an-id", null).statusCode()).isEqualTo(404);
        assertThat(json.readTree(send("GET", "/api/webhook-endpoints", null).body()).get("items")).isEmpty();
    }

    @Test
    void anEndpointWithoutEventsHearsEveryEvent() throws Exception {
        JsonNode endpoint = json.readTree(send("POST", "/api/webhook-endpoints", "{\"url\": \"http://platform.example:9000/all\"}").body());

        assertThat(endpoint.get("events")).extracting(JsonNode::asText)
                .containsExactly("video.queued", "video.rendering", "video.ingesting", "video.ready", "video.failed");
    }

    @Test
    void badEndpointsAreProblemsNamingTheField() throws Exception {
        assertProblem(send("POST", "/api/webhook-endpoints", "{\"url\": \"ftp://platform.example/x\"}"), 400, "url");
        assertProblem(send("POST", "/api/webhook-endpoints", "{\"events\": [\"video.ready\"]}"), 400, "url");
        assertProblem(send("POST", "/api/webhook-endpoints", "{\"url\": \"https://p.example/\", \"events\": [\"video.ready\", \"video.done\"]}"), 400, "events[1]");
        assertProblem(send("POST", "/api/webhook-endpoints", "{\"url\": \"https://p.example/\", \"events\": []}"), 400, "events");
        assertProblem(send("POST", "/api/webhook-endpoints", "{\"url\": \"https://p.example/\", \"secret\": \"mine\"}"), 400, "secret");
        assertThat(backend.endpoints.list(TenantId.of("web"))).isEmpty();
    }

    @Test
    void receiversInsideTheServicesNetworkAreProblemsNamingTheFieldAndNothingIsKept() throws Exception {
        for (String internal : new String[] {"http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9/", "http://[::1]/",
                "http://localhost:8080/", "file:///etc/passwd"}) {
            assertProblem(send("POST", "/api/webhook-endpoints", "{\"url\": \"" + internal + "\"}"), 400, "url");
            assertProblem(send("POST", "/api/videos", "{\"callbackUrl\": \"" + internal + "\", \"scenes\": [" + SCENE + "]}"), 400,
                    "callbackUrl");
        }
        assertThat(backend.endpoints.list(TenantId.of("web"))).isEmpty();
        assertThat(backend.videos.all()).isEmpty();
    }

    @Test
    void theCallbackSecretIsShownAgainUntilRotated() throws Exception {
        String first = json.readTree(send("GET", "/api/callback-secret", null).body()).get("secret").asText();
        String again = json.readTree(send("GET", "/api/callback-secret", null).body()).get("secret").asText();
        HttpResponse<String> rotated = send("POST", "/api/callback-secret/rotate", "");

        assertThat(first).startsWith("whsec_").isEqualTo(again);
        assertThat(rotated.headers().firstValue("Cache-Control")).contains("no-store");
        String fresh = json.readTree(rotated.body()).get("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(first);
        assertThat(json.readTree(send("GET", "/api/callback-secret", null).body()).get("secret").asText()).isEqualTo(fresh);
    }

    @Test
    void aVideoRequestKeepsItsCallbackAndRefusesABadOne() throws Exception {
        HttpResponse<String> created = send("POST", "/api/videos",
                "{\"title\": \"Called back\", \"callbackUrl\": \"https://platform.example/videos/7\", \"scenes\": [" + SCENE + "]}");

        assertThat(created.statusCode()).isEqualTo(202);
        VideoId id = VideoId.parse(json.readTree(created.body()).get("id").asText());
        assertThat(backend.callbacks.of(id)).contains(NotificationUrl.parse("callbackUrl", "https://platform.example/videos/7"));
        assertThat(backend.callbackSecrets.find(TenantId.of("web"))).isPresent();

        assertProblem(send("POST", "/api/videos", "{\"callbackUrl\": \"javascript:alert(1)\", \"scenes\": [" + SCENE + "]}"), 400, "callbackUrl");
        assertProblem(send("POST", "/api/videos", "{\"callbackUrl\": 42, \"scenes\": [" + SCENE + "]}"), 400, "callbackUrl");
    }

    @Test
    void aTopicsVideosTakeNoCallback() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/topics", """
                {"title": "T", "language": "en", "contents": [{"type": "avatarVideo", "generate":
                  {"callbackUrl": "https://platform.example/x", "scenes": [%s]}}]}""".formatted(SCENE));

        assertProblem(refused, 400, "contents[0].generate.callbackUrl");
    }

    private void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("field").asText()).isEqualTo(field);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = backend.request(path);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
