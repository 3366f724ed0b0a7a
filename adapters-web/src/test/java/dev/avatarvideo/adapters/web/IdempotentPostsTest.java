package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.testsupport.MultipartBody;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Idempotency-Key} over real HTTP on every POST that creates something, on the real services with in-memory out-ports. */
class IdempotentPostsTest {

    private static final TenantId TENANT = TenantId.of("web");
    private static final String SCENE = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hello\"}";
    private static final String VIDEO = "{\"title\": \"Once\", \"scenes\": [" + SCENE + "]}";

    @TempDir
    Path uploads;

    private FakeBackedServer backend;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        backend = new FakeBackedServer(TENANT, uploads, 10_000_000);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void aRepeatGetsTheFirstAnswerMarkedAsReplayedAndCreatesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/videos", VIDEO, backend.apiKey, key);
        HttpResponse<String> again = post("/api/videos", VIDEO, backend.apiKey, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue(IdempotentPosts.REPLAYED)).isEmpty();
        assertSameAnswer(again, first);
        assertThat(backend.videos.all()).hasSize(1);
        assertThat(post("/api/videos", VIDEO, backend.apiKey, null).statusCode()).as("without a key: a new video").isEqualTo(202);
        assertThat(backend.videos.all()).hasSize(2);
    }

    @Test
    void everyPostThatCreatesSomethingHonoursTheKey() throws Exception {
        AvatarVideo failed = failedVideo();
        String tenantKey = json.readTree(post("/admin/tenants", "{\"id\": \"second\"}", FakeBackedServer.ADMIN_KEY, null).body())
                .at("/apiKey/key").asText();
        Map<String, String> creations = Map.of(
                "/api/videos", VIDEO,
                "/api/videos/" + failed.id() + "/retry", "",
                "/api/topics", "{\"title\": \"T\", \"language\": \"en\", \"contents\": [{\"type\": \"text\", \"text\": \"Hi\"}]}",
                "/api/api-keys", "{\"name\": \"ci\"}",
                "/api/webhook-endpoints", "{\"url\": \"https://platform.example/hooks\"}");
        for (var creation : creations.entrySet()) {
            String key = UUID.randomUUID().toString();
            HttpResponse<String> first = post(creation.getKey(), creation.getValue(), backend.apiKey, key);
            assertThat(first.statusCode()).as(creation.getKey() + ": " + first.body()).isBetween(200, 299);
            assertSameAnswer(post(creation.getKey(), creation.getValue(), backend.apiKey, key), first);
        }
        for (String path : List.of("/admin/tenants", "/admin/tenants/second/api-keys")) {
            String key = UUID.randomUUID().toString();
            String body = path.equals("/admin/tenants") ? "{\"id\": \"third\"}" : "{\"name\": \"lost\"}";
            HttpResponse<String> first = post(path, body, FakeBackedServer.ADMIN_KEY, key);
            assertThat(first.statusCode()).as(path + ": " + first.body()).isEqualTo(201);
            assertSameAnswer(post(path, body, FakeBackedServer.ADMIN_KEY, key), first);
        }

        assertThat(backend.videos.all()).hasSize(2);
        assertThat(backend.videos.find(TENANT, failed.id()).orElseThrow().renderAttempt()).as("retried once").isEqualTo(2);
        assertThat(items("/api/topics", backend.apiKey)).hasSize(1);
        assertThat(items("/api/api-keys", backend.apiKey)).as("the tests' key and one more").hasSize(2);
        assertThat(items("/api/webhook-endpoints", backend.apiKey)).hasSize(1);
        assertThat(items("/admin/tenants", FakeBackedServer.ADMIN_KEY)).hasSize(3);
        assertThat(items("/api/api-keys", tenantKey)).hasSize(2);
    }

    @Test
    void aMultipartUploadRepeatedWithAnotherBoundaryIsTheSameRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        String topic = "{\"title\": \"Slides\", \"language\": \"en\", \"contents\": [{\"type\": \"file\", \"part\": \"slides\"}]}";
        byte[] pdf = "%PDF-1.4 slides".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = postMultipart(new MultipartBody().field("topic", topic).file("slides", "w1.pdf", "application/pdf", pdf), key);
        HttpResponse<String> again = postMultipart(new MultipartBody().field("topic", topic).file("slides", "w1.pdf", "application/pdf", pdf), key);
        HttpResponse<String> otherFile = postMultipart(new MultipartBody().field("topic", topic)
                .file("slides", "w1.pdf", "application/pdf", "%PDF-1.4 other".getBytes(StandardCharsets.UTF_8)), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertSameAnswer(again, first);
        assertProblem(otherFile, 422, "/problems/idempotency-key-reused");
        assertThat(items("/api/topics", backend.apiKey)).hasSize(1);
    }

    @Test
    void theSameKeyForAnotherRequestIsA422AndCreatesNothing() throws Exception {
        String key = "reused-" + UUID.randomUUID();
        post("/api/videos", VIDEO, backend.apiKey, key);

        assertProblem(post("/api/videos", VIDEO.replace("Once", "Twice"), backend.apiKey, key), 422, "/problems/idempotency-key-reused");
        assertProblem(post("/api/topics", "{\"title\": \"T\", \"language\": \"en\", \"contents\": []}", backend.apiKey, key), 422,
                "/problems/idempotency-key-reused");
        assertThat(backend.videos.all()).hasSize(1);
        assertThat(items("/api/topics", backend.apiKey)).isEmpty();
    }

    @Test
    void eachTenantsKeysAreItsOwn() throws Exception {
        String otherTenant = json.readTree(post("/admin/tenants", "{\"id\": \"other\"}", FakeBackedServer.ADMIN_KEY, null).body())
                .at("/apiKey/key").asText();
        String key = "shared-key";

        HttpResponse<String> mine = post("/api/videos", VIDEO, backend.apiKey, key);
        HttpResponse<String> theirs = post("/api/videos", VIDEO, otherTenant, key);

        assertThat(theirs.statusCode()).isEqualTo(202);
        assertThat(theirs.headers().firstValue(IdempotentPosts.REPLAYED)).isEmpty();
        assertThat(json.readTree(theirs.body()).get("id")).isNotEqualTo(json.readTree(mine.body()).get("id"));
        assertThat(backend.videos.all()).extracting(AvatarVideo::tenantId).containsExactlyInAnyOrder(TENANT, TenantId.of("other"));
    }

    @Test
    void aRepeatWhileTheFirstStillRunsWaitsThenIsA409AndAfterwardsGetsTheAnswer() throws Exception {
        AvatarVideo failed = failedVideo();
        CountDownLatch inUpdate = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        backend.videos.beforeEachUpdate(video -> {
            inUpdate.countDown();
            await(release);
            return video;
        });
        String key = UUID.randomUUID().toString();
        String path = "/api/videos/" + failed.id() + "/retry";
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(path, "", backend.apiKey, key));
        assertThat(inUpdate.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        HttpResponse<String> meanwhile = post(path, "", backend.apiKey, key);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited first").isGreaterThanOrEqualTo(FakeBackedServer.IDEMPOTENCY_PATIENCE);
        assertProblem(meanwhile, 409, "/problems/idempotency-key-in-use");
        assertThat(meanwhile.headers().firstValue("Retry-After")).contains("1");
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        assertSameAnswer(post(path, "", backend.apiKey, key), first.get());
    }

    @Test
    void aFailureOfTheServiceIsNotKeptSoTheRepeatIsCarriedOutAnew() throws Exception {
        AvatarVideo failed = failedVideo();
        backend.videos.beforeEachUpdate(video -> {
            throw new IllegalStateException("database gone");
        });
        String key = UUID.randomUUID().toString();
        String path = "/api/videos/" + failed.id() + "/retry";
        assertThat(post(path, "", backend.apiKey, key).statusCode()).isEqualTo(500);
        backend.videos.beforeEachUpdate(video -> video);

        HttpResponse<String> repeat = post(path, "", backend.apiKey, key);

        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(repeat.headers().firstValue(IdempotentPosts.REPLAYED)).isEmpty();
    }

    @Test
    void aRefusalIsTheRequestsAnswerAndIsGivenAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> refused = post("/api/videos", "{\"title\": \"No scenes\"}", backend.apiKey, key);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertSameAnswer(post("/api/videos", "{\"title\": \"No scenes\"}", backend.apiKey, key), refused);
        assertThat(backend.videos.all()).isEmpty();
    }

    @Test
    void anAnswerIsKeptForADayThenTheKeyIsFreeAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/videos", VIDEO, backend.apiKey, key);
        backend.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertSameAnswer(post("/api/videos", VIDEO, backend.apiKey, key), first);

        backend.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> afterADay = post("/api/videos", VIDEO, backend.apiKey, key);

        assertThat(afterADay.statusCode()).isEqualTo(202);
        assertThat(afterADay.headers().firstValue(IdempotentPosts.REPLAYED)).isEmpty();
        assertThat(backend.videos.all()).hasSize(2);
    }

    @Test
    void aKeyIsOneTo255PrintableAsciiCharactersAndAQuotedKeyIsTheSameKey() throws Exception {
        // Non-ASCII keys are refused too (IdempotencyKeyTest); the JDK client cannot send one, it sends '?' instead.
        for (String bad : new String[] {"", "k".repeat(256), "tab\tinside"}) {
            HttpResponse<String> refused = post("/api/videos", VIDEO, backend.apiKey, bad);
            assertThat(refused.statusCode()).as("'" + bad + "'").isEqualTo(400);
            assertThat(json.readTree(refused.body()).get("field").asText()).isEqualTo("Idempotency-Key");
        }
        HttpRequest twice = backend.request("/api/videos").header("Content-Type", "application/json").header("Idempotency-Key", "a")
                .header("Idempotency-Key", "b").POST(HttpRequest.BodyPublishers.ofString(VIDEO)).build();
        assertThat(http.send(twice, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        assertThat(backend.videos.all()).isEmpty();

        HttpResponse<String> bare = post("/api/videos", VIDEO, backend.apiKey, "k".repeat(255));
        assertSameAnswer(post("/api/videos", VIDEO, backend.apiKey, "\"" + "k".repeat(255) + "\""), bare);
    }

    @Test
    void aReplayIsCountedUnderItsRouteLikeTheFirstAnswer() throws Exception {
        List<String> served = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        backend.close();
        backend = new FakeBackedServer(TENANT, uploads, new JavalinServer.Operations(() -> new dev.avatarvideo.application.port.in.operations
                .CheckReadiness.Readiness(List.of()), new HttpMetrics() {
            @Override
            public void served(String method, String route, int status, Duration took) {
                served.add(method + " " + route + " " + status);
            }

            @Override
            public String scrape() {
                return "";
            }
        }));
        AvatarVideo failed = failedVideo();
        String path = "/api/videos/" + failed.id() + "/retry";
        String key = UUID.randomUUID().toString();

        post(path, "", backend.apiKey, key);
        post(path, "", backend.apiKey, key);
        // Requests are counted as their last step, just after the answer went out.
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); served.size() < 2 && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
        }

        assertThat(served).containsExactly("POST /api/videos/{id}/retry 202", "POST /api/videos/{id}/retry 202");
    }

    @Test
    void theApiDescriptionDocumentsTheHeaderAndItsAnswersOnEveryRouteThatHonoursIt() throws Exception {
        JsonNode paths = json.readTree(http.send(HttpRequest.newBuilder(backend.uri("/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("paths");

        for (String route : IdempotentPosts.ROUTES) {
            JsonNode post = paths.get(route).get("post");
            assertThat(post.get("parameters").toString()).as(route).contains("#/components/parameters/IdempotencyKey");
            assertThat(post.get("responses").has("409")).as(route).isTrue();
            assertThat(post.get("responses").get("422").toString()).as(route).contains("IdempotencyKeyReused");
        }
    }

    private AvatarVideo failedVideo() {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TENANT, "Failed", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, backend.clock.now());
        backend.videos.add(video);
        AvatarVideo rendering = backend.videos.update(video.startRendering(new RenderId("r-1"), backend.clock.now()));
        return backend.videos.update(rendering.fail(new VideoFailure("render_failed", "no"), backend.clock.now()));
    }

    private void assertSameAnswer(HttpResponse<String> replay, HttpResponse<String> first) {
        assertThat(replay.statusCode()).isEqualTo(first.statusCode());
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.headers().firstValue(IdempotentPosts.REPLAYED)).contains("true");
        for (String header : List.of("Content-Type", "Location", "Cache-Control")) {
            assertThat(replay.headers().firstValue(header)).as(header).isEqualTo(first.headers().firstValue(header));
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(type);
        assertThat(problem.get("field").asText()).isEqualTo("Idempotency-Key");
    }

    private JsonNode items(String path, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(backend.uri(path)).header("Authorization", "Bearer " + key).build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("items");
    }

    private HttpResponse<String> post(String path, String body, String bearer, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri(path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postMultipart(MultipartBody body, String idempotencyKey) throws Exception {
        return http.send(backend.request("/api/topics").header("Content-Type", body.contentType()).header("Idempotency-Key", idempotencyKey)
                .POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
