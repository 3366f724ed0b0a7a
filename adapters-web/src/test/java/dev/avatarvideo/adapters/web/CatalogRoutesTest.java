package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.service.RendererCatalogQueries;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** {@code /api/avatars} and {@code /api/voices} over real HTTP, on the real service with an in-memory catalog. */
class CatalogRoutesTest {

    private static final RendererCredentials KEY = new RendererCredentials("web-test-key");

    private final InMemoryRendererCatalog catalog = new InMemoryRendererCatalog().accept(KEY)
            .addLook(new AvatarLook("anna", "Anna", AvatarType.STUDIO_AVATAR, Optional.of("female"),
                    Optional.of(URI.create("https://cdn.example/anna.jpg")), Optional.empty(), Optional.of("emma"), List.of("avatar_iv"),
                    List.of("business")), Ownership.PUBLIC)
            .addLook(InMemoryRendererCatalog.look("twin", AvatarType.DIGITAL_TWIN), Ownership.PRIVATE)
            .addVoice(InMemoryRendererCatalog.voice("emma", "English", "female", Ownership.PUBLIC))
            .addVoice(InMemoryRendererCatalog.voice("liam", "English", "male", Ownership.PUBLIC))
            .addVoice(InMemoryRendererCatalog.voice("clone", "English", "female", Ownership.PRIVATE));
    private final RendererCatalogQueries catalogQueries = new RendererCatalogQueries(catalog, tenant -> KEY);
    @TempDir
    Path uploads;

    private FakeBackedServer backend;
    private JavalinServer server;

    @BeforeEach
    void start() {
        backend = new FakeBackedServer(TenantId.of("web"), uploads, 1_000_000, catalogQueries);
        server = backend.server;
    }
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void listsAvatarLooksInTheApisOwnWords() throws Exception {
        HttpResponse<String> response = get("/api/avatars");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode anna = json.readTree(response.body()).get("items").get(0);
        assertThat(fieldNames(anna)).containsExactly("id", "name", "avatarType", "gender", "previewImageUrl", "defaultVoiceId",
                "supportedEngines", "tags");
        assertThat(anna.get("avatarType").asText()).isEqualTo("studio_avatar");
        assertThat(anna.get("previewImageUrl").asText()).isEqualTo("https://cdn.example/anna.jpg");
        assertThat(json.readTree(response.body()).get("items")).hasSize(2);
    }

    @Test
    void filtersAvatarLooksByTypeAndOwnership() throws Exception {
        JsonNode twins = json.readTree(get("/api/avatars?avatarType=digital_twin").body()).get("items");
        JsonNode shared = json.readTree(get("/api/avatars?ownership=public").body()).get("items");

        assertThat(twins).hasSize(1);
        assertThat(twins.get(0).get("id").asText()).isEqualTo("twin");
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).get("id").asText()).isEqualTo("anna");
    }

    @Test
    void listsVoicesPublicByDefaultAndFiltered() throws Exception {
        JsonNode all = json.readTree(get("/api/voices").body()).get("items");
        JsonNode men = json.readTree(get("/api/voices?gender=male&language=english").body()).get("items");
        JsonNode own = json.readTree(get("/api/voices?type=private").body()).get("items");

        assertThat(all).hasSize(2);
        assertThat(fieldNames(all.get(0))).containsExactly("id", "name", "language", "gender", "supportsPause", "supportsLocale", "type");
        assertThat(men).hasSize(1);
        assertThat(men.get(0).get("id").asText()).isEqualTo("liam");
        assertThat(own.get(0).get("type").asText()).isEqualTo("private");
    }

    @Test
    void anUnknownFilterValueIsABadRequestNamingTheParameter() throws Exception {
        for (String[] bad : new String[][] {{"/api/avatars?avatarType=hologram", "avatarType"}, {"/api/avatars?ownership=mine", "ownership"},
                {"/api/voices?gender=robot", "gender"}, {"/api/voices?type=cloned", "type"}}) {
            HttpResponse<String> response = get(bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(json.readTree(response.body()).get("field").asText()).isEqualTo(bad[1]);
        }
        assertThat(catalog.calls("avatarLooks") + catalog.calls("voices")).as("nothing asked of the renderer").isZero();
    }

    @Test
    void whenTheRendererRefusesOurKeyTheCallerGetsABadGatewayProblem() throws Exception {
        catalog.failWith(new RendererAnswer.KeyRejected<>("Invalid or missing API key"));

        HttpResponse<String> response = get("/api/avatars");

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("/problems/renderer-key-rejected");
        assertThat(problem.get("detail").asText()).contains("HEYGEN_API_KEY").doesNotContain(KEY.apiKey());
    }

    @Test
    void whenTheRendererIsBusyTheCallerLearnsWhenToComeBack() throws Exception {
        catalog.failWith(new RendererAnswer.RateLimited<>(Duration.ofSeconds(12)));
        HttpResponse<String> limited = get("/api/voices");
        catalog.failWith(new RendererAnswer.Unavailable<>("HeyGen answered HTTP 503 service_unavailable"));
        HttpResponse<String> down = get("/api/voices");

        assertThat(limited.statusCode()).isEqualTo(503);
        assertThat(limited.headers().firstValue("Retry-After")).contains("12");
        assertThat(json.readTree(limited.body()).get("type").asText()).isEqualTo("/problems/renderer-rate-limited");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json.readTree(down.body()).get("type").asText()).isEqualTo("/problems/renderer-unavailable");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(backend.request(path).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
