package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7 through the real wiring on PostgreSQL and a HeyGen simulator: tenants and their keys, a tenant's own HeyGen
 * key, tenant isolation for every resource, the complete video API, and a matrix of hostile requests that are all
 * refused with a problem document and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformApiAcceptanceTest {

    private static final String TENANT_HEYGEN_KEY = "acme-own-heygen-key-7f3a";

    private final TrackingFixture fixture = new TrackingFixture();
    private Path dataDir;
    private HeyGenSimulator simulator;
    private AvatarVideoService service;
    private ApiCalls api;
    private String defaultKey;
    private String acmeKey;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("platform-api-");
        simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(600)));
        simulator.acceptApiKey(TENANT_HEYGEN_KEY, "Acme Learning");
        service = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir, 0, simulator.baseUrl(), simulator.apiKey(),
                Map.of())));
        api = new ApiCalls(service.baseUrl());
        defaultKey = ApiKeyFiles.defaultKey(dataDir);
        JsonNode acme = api.expect(201, "POST", "/admin/tenants", TrackingFixture.ADMIN_KEY, "{\"id\": \"acme\", \"name\": \"Acme Learning\"}");
        acmeKey = acme.at("/apiKey/key").asText();
    }

    @AfterAll
    void stop() {
        service.close();
        simulator.close();
    }

    @Test
    void aFirstStartCreatesTheDefaultTenantAndWritesItsKeyForItsOwnerOnly() throws Exception {
        Path keyFile = dataDir.resolve("default-api-key");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(defaultKey).matches("avs_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(service.firstTenant()).hasValueSatisfying(first -> assertThat(first.key().value()).isEqualTo(defaultKey));
        assertThat(fixture.count("SELECT count(*) FROM api_keys WHERE key_hash IS NOT NULL")).isGreaterThanOrEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM api_keys WHERE encode(key_hash, 'escape') LIKE '%avs_%'")).as("only hashes kept").isZero();

        try (AvatarVideoService again = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir.resolve("second"), 0,
                simulator.baseUrl(), simulator.apiKey(), Map.of())))) {
            assertThat(again.firstTenant()).as("a tenant exists: nothing is created").isEmpty();
            assertThat(Files.exists(dataDir.resolve("second").resolve("default-api-key"))).isFalse();
        }
    }

    @Test
    void everyApiRouteWantsALiveKeyAndSaysSoWithABearerChallenge() {
        JsonNode issued = api.expect(201, "POST", "/api/api-keys", acmeKey, "{\"name\": \"to revoke\"}");
        String revocable = issued.get("key").asText();
        api.expect(200, "GET", "/api/videos", revocable, null);
        api.expect(204, "DELETE", "/api/api-keys/" + issued.get("id").asText(), acmeKey, null);

        Map<String, Map<String, String>> refused = new LinkedHashMap<>();
        refused.put("no header", Map.of());
        refused.put("not bearer", Map.of("Authorization", "Basic " + acmeKey));
        refused.put("empty bearer", Map.of("Authorization", "Bearer "));
        refused.put("unknown key", Map.of("Authorization", "Bearer avs_0123456789ab_" + "A".repeat(43)));
        refused.put("tampered key", Map.of("Authorization", "Bearer " + acmeKey.substring(0, acmeKey.length() - 1)
                + (acmeKey.endsWith("x") ? "y" : "x")));
        refused.put("revoked key", Map.of("Authorization", "Bearer " + revocable));
        refused.forEach((why, headers) -> {
            HttpResponse<String> response = api.call("GET", "/api/videos", headers, null);
            assertThat(response.statusCode()).as(why).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(why).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).as(why).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(api.read(response.body()).get("type").asText()).isEqualTo("/problems/unauthorized");
        });
        assertThat(api.read(api.call("GET", "/api/videos", revocable, null).body()).get("detail").asText()).contains("revoked");
        JsonNode keys = api.expect(200, "GET", "/api/api-keys", acmeKey, null);
        assertThat(keys.toString()).doesNotContain(revocable).doesNotContain(acmeKey);
        assertThat(api.call("GET", "/health/live", (String) null, null).statusCode()).isEqualTo(200);
        assertThat(api.call("GET", "/openapi.json", (String) null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTenantsOwnHeyGenKeyIsCheckedSealedNeverShownAndRendersItsVideos() {
        JsonNode refused = api.expect(422, "PUT", "/api/heygen-key", acmeKey, "{\"apiKey\": \"not-a-key-heygen-knows\"}");
        assertThat(refused.get("field").asText()).isEqualTo("apiKey");
        assertThat(api.expect(200, "GET", "/api/heygen-key", acmeKey, null).get("configured").asBoolean()).isFalse();

        JsonNode set = api.expect(200, "PUT", "/api/heygen-key", acmeKey, "{\"apiKey\": \"" + TENANT_HEYGEN_KEY + "\"}");
        assertThat(set.get("accountName").asText()).isEqualTo("Acme Learning");
        JsonNode shown = api.expect(200, "GET", "/api/heygen-key", acmeKey, null);
        assertThat(shown.get("configured").asBoolean()).isTrue();
        assertThat(shown.get("fingerprint").asText()).hasSize(12);
        assertThat(shown.toString()).doesNotContain(TENANT_HEYGEN_KEY);
        assertThat(fixture.count("SELECT count(*) FROM tenant_renderer_keys WHERE position('" + TENANT_HEYGEN_KEY
                + "' IN encode(sealed_secret, 'escape')) > 0")).as("sealed at rest").isZero();
        assertThat(api.expect(200, "GET", "/api/heygen-key", defaultKey, null).get("configured").asBoolean()).as("one tenant's key only").isFalse();

        String id = api.expect(202, "POST", "/api/videos", acmeKey, ApiCalls.video("Own key")).get("id").asText();
        awaitStatus(acmeKey, id, "READY");
        assertThat(fixture.count("SELECT count(*) FROM avatar_videos WHERE id = '" + id + "' AND renderer_account = '"
                + shown.get("fingerprint").asText() + "'")).as("rendered on the tenant's account").isEqualTo(1);
    }

    @Test
    void anotherTenantsResourcesAnswer404AsIfTheyDidNotExist() {
        String video = api.expect(202, "POST", "/api/videos", acmeKey, ApiCalls.video("Acme only")).get("id").asText();
        String topic = api.expect(201, "POST", "/api/topics", acmeKey,
                "{\"title\": \"Acme topic\", \"language\": \"en\", \"contents\": [{\"type\": \"avatarVideo\", \"videoId\": \"" + video + "\"}]}")
                .get("id").asText();
        String endpoint = api.expect(201, "POST", "/api/webhook-endpoints", acmeKey, "{\"url\": \"https://acme.example/hooks\"}").get("id").asText();
        String key = api.expect(201, "POST", "/api/api-keys", acmeKey, null).get("id").asText();

        Map<String, HttpResponse<String>> asOther = new LinkedHashMap<>();
        asOther.put("video", api.call("GET", "/api/videos/" + video, defaultKey, null));
        asOther.put("delete video", api.call("DELETE", "/api/videos/" + video, defaultKey, null));
        asOther.put("retry video", api.call("POST", "/api/videos/" + video + "/retry", defaultKey, null));
        asOther.put("video stream", api.call("GET", "/api/videos/" + video + "/events", defaultKey, null));
        asOther.put("videos stream", api.call("GET", "/api/events?videoIds=" + video, defaultKey, null));
        asOther.put("topic", api.call("GET", "/api/topics/" + topic, defaultKey, null));
        asOther.put("replace topic", api.call("PUT", "/api/topics/" + topic, defaultKey, "{\"title\": \"x\", \"language\": \"en\", \"contents\": []}"));
        asOther.put("delete topic", api.call("DELETE", "/api/topics/" + topic, defaultKey, null));
        asOther.put("webhook endpoint", api.call("DELETE", "/api/webhook-endpoints/" + endpoint, defaultKey, null));
        asOther.put("api key", api.call("DELETE", "/api/api-keys/" + key, defaultKey, null));
        asOther.forEach((what, response) -> {
            assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(404);
            assertThat(api.read(response.body()).get("type").asText()).as(what).isEqualTo("/problems/not-found");
        });
        JsonNode refusedTopic = api.expect(400, "POST", "/api/topics", defaultKey,
                "{\"title\": \"Theft\", \"language\": \"en\", \"contents\": [{\"type\": \"avatarVideo\", \"videoId\": \"" + video + "\"}]}");
        assertThat(refusedTopic.get("field").asText()).isEqualTo("contents[0].videoId");
        assertThat(api.expect(200, "GET", "/api/videos", defaultKey, null).toString()).doesNotContain(video);
        assertThat(api.expect(200, "GET", "/api/topics", defaultKey, null).toString()).doesNotContain(topic);
        assertThat(api.expect(200, "GET", "/api/webhook-endpoints", defaultKey, null).toString()).doesNotContain(endpoint);
        assertThat(api.expect(200, "GET", "/api/api-keys", defaultKey, null).toString()).doesNotContain(key);

        // Still all there for their owner.
        api.expect(200, "GET", "/api/videos/" + video, acmeKey, null);
        api.expect(200, "GET", "/api/topics/" + topic, acmeKey, null);
        api.expect(204, "DELETE", "/api/webhook-endpoints/" + endpoint, acmeKey, null);
        api.expect(204, "DELETE", "/api/api-keys/" + key, acmeKey, null);
    }

    @Test
    void videosAreListedByStatusAndTimeAPageAtATimeDeletedWithTheirFileAndRetriedWhenFailed() throws Exception {
        String tenantKey = api.expect(201, "POST", "/admin/tenants", TrackingFixture.ADMIN_KEY, "{\"id\": \"lister\"}").at("/apiKey/key").asText();
        Instant before = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.expect(202, "POST", "/api/videos", tenantKey, ApiCalls.video("Listed " + i)).get("id").asText());
        }
        ids.forEach(id -> awaitStatus(tenantKey, id, "READY"));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.expect(200, "GET", "/api/videos?limit=2&status=READY" + (cursor == null ? "" : "&cursor=" + cursor), tenantKey, null);
            page.get("items").forEach(item -> paged.add(item.get("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(ids.reversed());
        assertThat(api.expect(200, "GET", "/api/videos?status=FAILED,QUEUED", tenantKey, null).get("items")).isEmpty();
        assertThat(api.expect(200, "GET", "/api/videos?createdBefore=" + before, tenantKey, null).get("items")).isEmpty();
        assertThat(api.expect(200, "GET", "/api/videos?createdAfter=" + before + "&createdBefore=" + Instant.now().plusSeconds(60), tenantKey, null)
                .get("items")).hasSize(5);

        // Delete: the row, its history and its file go.
        String doomed = ids.getFirst();
        JsonNode doomedVideo = api.expect(200, "GET", "/api/videos/" + doomed, tenantKey, null);
        String storagePath = doomedVideo.at("/file/storagePath").asText();
        assertThat(doomedVideo.at("/poster/storagePath").asText()).as("the lesson's poster").isNotEmpty();
        assertThat(doomedVideo.at("/preview/storagePath").asText()).as("the lesson's preview").isNotEmpty();
        long objects = TrackingFixture.storedObjects(dataDir);
        api.expect(204, "DELETE", "/api/videos/" + doomed, tenantKey, null);
        api.expect(404, "GET", "/api/videos/" + doomed, tenantKey, null);
        assertThat(TrackingFixture.storedObjects(dataDir)).as("the video, its poster and its preview are gone").isEqualTo(objects - 3);
        assertThat(fixture.count("SELECT count(*) FROM stored_files WHERE storage_path = '" + storagePath + "'")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM video_events WHERE video_id = '" + doomed + "'")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM unclaimed_objects")).isZero();

        // Retry: a failed render is tried again as a new render, not a replay of the failed one.
        api.expect(409, "POST", "/api/videos/" + ids.get(1) + "/retry", tenantKey, null);
        simulator.useFaults(SimulatorFaults.none().withRenderFailures(1.0));
        String failing;
        try {
            failing = api.expect(202, "POST", "/api/videos", tenantKey, ApiCalls.video("Fails first")).get("id").asText();
            awaitStatus(tenantKey, failing, "FAILED");
        } finally {
            simulator.useFaults(SimulatorFaults.none());
        }
        int rendersBefore = simulator.rendersStarted();
        JsonNode retried = api.expect(202, "POST", "/api/videos/" + failing + "/retry", tenantKey, null);
        assertThat(retried.get("status").asText()).isEqualTo("QUEUED");
        assertThat(retried.has("error")).isFalse();
        awaitStatus(tenantKey, failing, "READY");
        assertThat(simulator.rendersStarted()).as("a new render, not HeyGen replaying the failed one").isEqualTo(rendersBefore + 1);
        assertThat(fixture.count("SELECT render_attempt FROM avatar_videos WHERE id = '" + failing + "'")).isEqualTo(2);
    }

    /**
     * Issue 7, acceptance 4 (API half): the document parses as OpenAPI 3.1 and describes every route the running service
     * registered, read from Javalin itself, so a new route without documentation fails here. The rule: every route
     * under the API's own prefixes ({@link #DOCUMENTED_PREFIXES}: the tenant and admin APIs, webhooks, files, health,
     * metrics and the docs themselves) must be in the document; other routes (the web console's pages) are not API.
     * And every {@code /api} and {@code /admin} operation the document names must exist, so it never promises a route.
     */
    @Test
    void theOpenApiDocumentDescribesEveryRegisteredRoute() {
        HttpResponse<String> served = api.call("GET", "/openapi.json", (String) null, null);
        assertThat(served.statusCode()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        OpenAPI document = parsed.getOpenAPI();
        assertThat(document.getOpenapi()).startsWith("3.1");
        assertThat(document.getComponents().getSecuritySchemes().get("apiKey").getScheme()).isEqualTo("bearer");

        List<JavalinServer.Route> routes = service.routes().stream()
                .filter(route -> HTTP_METHODS.contains(route.method()))
                .filter(route -> DOCUMENTED_PREFIXES.stream().anyMatch(route.path()::startsWith))
                .toList();
        assertThat(routes).hasSizeGreaterThan(30);
        List<String> undocumented = routes.stream()
                .filter(route -> operation(document, route.method(), route.path()) == null)
                .map(route -> route.method() + " " + route.path())
                .toList();
        assertThat(undocumented).as("registered but not in /openapi.json").isEmpty();

        List<String> promised = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean api = path.startsWith("/api/") || path.startsWith("/admin/");
            if (api && routes.stream().noneMatch(route -> route.path().equals(path) && route.method().equals(method.name()))) {
                promised.add(method + " " + path);
            }
            // The border refuses malformed requests and method overrides on every route, before any of them runs.
            assertThat(operation.getResponses()).as(method + " " + path + " may answer 400").containsKey("400");
            if (path.startsWith("/api/") && !path.startsWith("/api-docs")) {
                assertThat(operation.getResponses()).as(method + " " + path).containsKey("401");
                assertThat(operation.getResponses().values().stream().anyMatch(r -> r.getContent() != null
                        && r.getContent().containsKey("application/problem+json"))).as(method + " " + path + " answers problems").isTrue();
            }
        }));
        assertThat(promised).as("in /openapi.json but not registered").isEmpty();

        HttpResponse<String> page = api.call("GET", "/api-docs", (String) null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/openapi.json").contains("/api-docs/swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(api.call("GET", "/api-docs/swagger-ui-bundle.js", (String) null, null).statusCode()).isEqualTo(200);
    }

    /** Where the API lives; routes elsewhere (the console's pages) are not part of it. */
    private static final List<String> DOCUMENTED_PREFIXES = List.of("/api", "/admin", "/webhooks", "/files", "/health", "/metrics", "/openapi.json");
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");

    private static Operation operation(OpenAPI document, String method, String path) {
        PathItem item = document.getPaths().get(path);
        return item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    }

    /**
     * Issue 12: a typo in an avatar or voice id, or an image behind one scene of several (HeyGen's studio scenes are
     * colour-only), is a 400 naming the field when the video is asked for, not a video that fails minutes later.
     */
    @Test
    void aVideoHeyGenCouldNotRenderIsRefusedAtOnceNamingTheField() {
        long videosBefore = fixture.count("SELECT count(*) FROM avatar_videos");
        int rendersBefore = simulator.rendersStarted();
        String anna = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hi.\"}";

        assertRefused("{\"scenes\": [{\"avatarId\": \"sim-avatar-ana\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hi.\"}]}",
                "scenes[0].avatarId", "sim-avatar-ana");
        assertRefused("{\"scenes\": [" + anna + ", {\"avatarId\": \"sim-avatar-ben\", \"voiceId\": \"sim-voice-en-9\", \"script\": \"Hi.\"}]}",
                "scenes[1].voiceId", "sim-voice-en-9");
        assertRefused("{\"scenes\": [" + anna + ", {\"avatarId\": \"sim-avatar-ben\", \"voiceId\": \"sim-voice-en-2\", \"script\": \"Hi.\","
                + " \"background\": {\"imageUrl\": \"https://cdn.example/office.jpg\"}}]}", "scenes[1].background.imageUrl", "colour");
        JsonNode topic = api.expect(400, "POST", "/api/topics", acmeKey, "{\"title\": \"T\", \"language\": \"en\", \"contents\": [{\"type\":"
                + " \"avatarVideo\", \"generate\": {\"scenes\": [{\"avatarId\": \"sim-avatar-ana\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hi.\"}]}}]}");
        assertThat(topic.get("field").asText()).isEqualTo("contents[0].generate.scenes[0].avatarId");

        assertThat(fixture.count("SELECT count(*) FROM avatar_videos")).as("nothing queued").isEqualTo(videosBefore);
        assertThat(simulator.rendersStarted()).isEqualTo(rendersBefore);
        assertThat(api.expect(202, "POST", "/api/videos", acmeKey, "{\"scenes\": [{\"avatarId\": \"sim-photo-eli\", \"voiceId\":"
                + " \"sim-voice-clone-1\", \"script\": \"A private look and a cloned voice are the account's own.\"}]}").get("status").asText())
                .isEqualTo("QUEUED");
    }

    private void assertRefused(String body, String field, String inMessage) {
        HttpResponse<String> response = api.call("POST", "/api/videos", acmeKey, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = api.read(response.body());
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(problem.get("detail").asText()).contains(inMessage);
    }

    /** Issue 7, acceptance 1: every one of these is refused with a 4xx problem document, and nothing changes. */
    @Test
    void hostileAndMalformedRequestsAreRefusedWithProblemsAndChangeNothing() {
        String video = api.expect(202, "POST", "/api/videos", acmeKey, ApiCalls.video("Target")).get("id").asText();
        awaitStatus(acmeKey, video, "READY");
                String topic = api.expect(201, "POST", "/api/topics", acmeKey, "{\"title\": \"T\", \"language\": \"en\", \"contents\": []}").get("id").asText();
        String revoked = api.expect(201, "POST", "/api/api-keys", defaultKey, null).get("key").asText();
        api.expect(204, "DELETE", "/api/api-keys/" + revoked.substring(4, 16), defaultKey, null);
        String scene = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hi.\"}";
        String fiftyOne = "{\"scenes\": [" + String.join(",", java.util.Collections.nCopies(51, scene)) + "]}";

        List<Hostile> matrix = List.of(
                new Hostile("no key", "GET", "/api/videos", NO_KEY, null, 401),
                new Hostile("no key on a write", "POST", "/api/videos", NO_KEY, ApiCalls.video("x"), 401),
                new Hostile("revoked key", "POST", "/api/videos", revoked, ApiCalls.video("x"), 401),
                new Hostile("unknown key shape", "GET", "/api/topics", "password123", null, 401),
                new Hostile("tenant key on admin", "GET", "/admin/tenants", acmeKey, null, 401),
                new Hostile("no key on admin", "POST", "/admin/tenants", NO_KEY, "{\"id\": \"intruder\"}", 401),
                new Hostile("no key on an unknown route", "GET", "/api/secrets", NO_KEY, null, 401),
                new Hostile("broken JSON", "POST", "/api/videos", acmeKey, "{\"scenes\": [", 400),
                new Hostile("JSON array", "POST", "/api/videos", acmeKey, "[1, 2]", 400),
                new Hostile("JSON null", "POST", "/api/videos", acmeKey, "null", 400),
                new Hostile("empty body", "POST", "/api/videos", acmeKey, "", 400),
                new Hostile("trailing document", "POST", "/api/videos", acmeKey, "{\"scenes\": []}{}", 400),
                new Hostile("number as script", "POST", "/api/videos", acmeKey, "{\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": 42}]}", 400),
                new Hostile("string as scenes", "POST", "/api/videos", acmeKey, "{\"scenes\": \"all of them\"}", 400),
                new Hostile("unknown field", "POST", "/api/videos", acmeKey, "{\"scenes\": [" + scene + "], \"priority\": \"high\"}", 400),
                new Hostile("51 scenes", "POST", "/api/videos", acmeKey, fiftyOne, 400),
                new Hostile("5001-character script", "POST", "/api/videos", acmeKey,
                        "{\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"" + "x".repeat(5001) + "\"}]}", 400),
                new Hostile("blank script", "POST", "/api/videos", acmeKey, "{\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \" \"}]}", 400),
                new Hostile("no scenes", "POST", "/api/videos", acmeKey, "{\"scenes\": []}", 400),
                new Hostile("unknown resolution", "POST", "/api/videos", acmeKey, "{\"resolution\": \"8k\", \"scenes\": [" + scene + "]}", 400),
                new Hostile("unknown aspect ratio", "POST", "/api/videos", acmeKey, "{\"aspectRatio\": \"2:1\", \"scenes\": [" + scene + "]}", 400),
                new Hostile("voice too fast", "POST", "/api/videos", acmeKey,
                        "{\"scenes\": [{\"avatarId\": \"a\", \"voiceId\": \"v\", \"script\": \"s\", \"voice\": {\"speed\": 9}}]}", 400),
                new Hostile("callback to a file URL", "POST", "/api/videos", acmeKey, "{\"callbackUrl\": \"file:///etc/passwd\", \"scenes\": [" + scene + "]}", 400),
                new Hostile("huge body", "POST", "/api/videos", acmeKey, "{\"title\": \"" + "x".repeat(2_000_000) + "\"}", 413),
                new Hostile("limit 0", "GET", "/api/videos?limit=0", acmeKey, null, 400),
                new Hostile("limit not a number", "GET", "/api/videos?limit=all", acmeKey, null, 400),
                new Hostile("forged cursor", "GET", "/api/videos?cursor=DROP%20TABLE", acmeKey, null, 400),
                new Hostile("unknown status", "GET", "/api/videos?status=DONE", acmeKey, null, 400),
                new Hostile("status injection", "GET", "/api/videos?status=" + enc("READY') OR 1=1 --"), acmeKey, null, 400),
                new Hostile("createdAfter not a time", "GET", "/api/videos?createdAfter=yesterday", acmeKey, null, 400),
                new Hostile("empty time range", "GET", "/api/videos?createdAfter=2030-01-01T00:00:00Z&createdBefore=2020-01-01T00:00:00Z", acmeKey, null, 400),
                new Hostile("encoded traversal in a video id", "GET", "/api/videos/..%2F..%2Fetc%2Fpasswd", acmeKey, null, 400),
                new Hostile("other tenant's video", "GET", "/api/videos/" + video, defaultKey, null, 404),
                new Hostile("delete other tenant's video", "DELETE", "/api/videos/" + video, defaultKey, null, 404),
                new Hostile("retry a ready video", "POST", "/api/videos/" + video + "/retry", acmeKey, null, 409),
                new Hostile("other tenant's stream", "GET", "/api/videos/" + video + "/events", defaultKey, null, 404),
                new Hostile("too many streamed videos", "GET", "/api/events?videoIds=" + "x,".repeat(101), acmeKey, null, 400),
                new Hostile("Last-Event-ID not a number", "GET", "/api/videos/" + video + "/events", Map.of("Authorization", "Bearer " + acmeKey,
                        "Last-Event-ID", "1; DROP TABLE video_events"), null, 400),
                new Hostile("other tenant's topic", "PUT", "/api/topics/" + topic, defaultKey, "{\"title\": \"x\", \"language\": \"en\", \"contents\": []}", 404),
                new Hostile("storage path traversal in a topic", "PUT", "/api/topics/" + topic, acmeKey,
                        "{\"title\": \"x\", \"language\": \"en\", \"contents\": [{\"type\": \"file\", \"storagePath\": \"../../etc/passwd\"}]}", 400),
                new Hostile("file path traversal", "GET", "/files/acme/..%2F..%2Fmaster.key?expires=9999999999&filename=a&type=b&signature=c", NO_KEY, null, 400),
                new Hostile("file name traversal in a signed address", "GET", "/files/acme/" + "0".repeat(32) + ".mp4?expires=9999999999&filename="
                        + enc("../../etc/passwd") + "&type=video%2Fmp4&signature=AAAA", NO_KEY, null, 403),
                new Hostile("header injection in a download name", "GET", "/files/acme/" + "0".repeat(32) + ".mp4?expires=9999999999&filename="
                        + enc("a.mp4\r\nSet-Cookie: session=stolen") + "&type=video%2Fmp4&signature=AAAA", NO_KEY, null, 400),
                new Hostile("header injection in a key", "GET", "/api/videos", Map.of("Authorization", "Bearer " + acmeKey + "%0d%0aX-Tenant: default"), null, 401),
                new Hostile("unknown route", "GET", "/api/nothing-here", acmeKey, null, 404),
                new Hostile("a method the path does not serve", "PATCH", "/api/videos", acmeKey, "{}", 405),
                new Hostile("HeyGen key with spaces", "PUT", "/api/heygen-key", acmeKey, "{\"apiKey\": \"a key with spaces\"}", 400),
                new Hostile("HeyGen key HeyGen refuses", "PUT", "/api/heygen-key", defaultKey, "{\"apiKey\": \"stolen-looking-key\"}", 422),
                new Hostile("tenant id with a path", "POST", "/admin/tenants", TrackingFixture.ADMIN_KEY, "{\"id\": \"../default\"}", 400),
                new Hostile("tenant that exists", "POST", "/admin/tenants", TrackingFixture.ADMIN_KEY, "{\"id\": \"acme\"}", 409),
                new Hostile("keys of no tenant", "GET", "/admin/tenants/nobody/api-keys", TrackingFixture.ADMIN_KEY, null, 404),
                new Hostile("webhook of a made-up account", "POST", "/webhooks/heygen/not-an-account", NO_KEY,
                        "{\"event_type\": \"avatar_video.success\", \"event_data\": {\"video_id\": \"x\"}}", 404),
                new Hostile("unsigned webhook", "POST", "/webhooks/heygen/0123456789ab", NO_KEY,
                        "{\"event_type\": \"avatar_video.success\", \"event_data\": {\"video_id\": \"x\"}}", 401),
                new Hostile("docs asset outside the webjar", "GET", "/api-docs/..%2F..%2Fopenapi.yaml", NO_KEY, null, 400));
        assertThat(matrix).hasSizeGreaterThanOrEqualTo(40);

        Map<String, Long> rowsBefore = rowCounts();
        long objectsBefore = TrackingFixture.storedObjects(dataDir);
        List<String> wrong = new ArrayList<>();
        for (Hostile hostile : matrix) {
            HttpResponse<String> response = api.call(hostile.method(), hostile.path(), hostile.headers(), hostile.body());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode problem = type.startsWith("application/problem+json") ? api.read(response.body()) : null;
            if (response.statusCode() != hostile.expected() || problem == null || !problem.hasNonNull("type") || !problem.hasNonNull("title")
                    || problem.get("status").asInt() != response.statusCode() || response.body().contains("Exception")
                    || response.body().contains("\tat ")) {
                wrong.add(hostile.name() + ": " + response.statusCode() + " " + type + " " + response.body().substring(0, Math.min(300, response.body().length())));
            }
        }
        assertThat(wrong).as("requests answered otherwise than with the expected 4xx problem").isEmpty();
        assertThat(rowCounts()).as("nothing changed in the database").isEqualTo(rowsBefore);
        assertThat(TrackingFixture.storedObjects(dataDir)).as("nothing changed in storage").isEqualTo(objectsBefore);
    }

    private static final Map<String, String> NO_KEY = Map.of();

    private record Hostile(String name, String method, String path, Map<String, String> headers, String body, int expected) {

        Hostile(String name, String method, String path, String key, String body, int expected) {
            this(name, method, path, key == null ? Map.of() : Map.of("Authorization", "Bearer " + key), body, expected);
        }
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("tenants", "api_keys", "tenant_renderer_keys", "avatar_videos", "video_events", "topics", "topic_contents",
                "stored_files", "unclaimed_objects", "notification_endpoints", "callback_secrets", "renderer_events", "renderer_webhooks")) {
            counts.put(table, fixture.count("SELECT count(*) FROM " + table));
        }
        counts.put("revoked keys", fixture.count("SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL"));
        counts.put("video versions", fixture.count("SELECT coalesce(sum(version), 0) FROM avatar_videos"));
        counts.put("topic versions", fixture.count("SELECT coalesce(sum(version), 0) FROM topics"));
        return counts;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void awaitStatus(String key, String id, String wanted) {
        TrackingFixture.await("video " + id + " " + wanted, () -> {
            String status = api.expect(200, "GET", "/api/videos/" + id, key, null).get("status").asText();
            assertThat(wanted.equals("FAILED") || !status.equals("FAILED")).as("video %s failed", id).isTrue();
            return status.equals(wanted);
        });
    }
}
