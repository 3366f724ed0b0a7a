package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, class 8, through the real wiring on one PostgreSQL: a platform's retries of one request, with one
 * Idempotency-Key, make one video and one render however many arrive at once and on whichever instance.
 */
class IdempotentPostsEndToEndTest {

    private static final int RETRIES = 20;

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(500)));
    private final List<AvatarVideoService> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(AvatarVideoService::close);
        simulator.close();
    }

    @Test
    void twentyConcurrentRetriesOverTwoInstancesMakeOneVideoAndOneRenderAndAllGetTheSameAnswer() throws Exception {
        List<URI> bases = List.of(start(), start());
        String key = UUID.randomUUID().toString();
        CountDownLatch ready = new CountDownLatch(RETRIES);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService platform = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < RETRIES; i++) {
                URI base = bases.get(i % 2);
                answers.add(platform.submit(() -> {
                    ready.countDown();
                    go.await();
                    return fixture.post(base.resolve("/api/videos"), ApiCalls.video("Charged once"),
                            Map.of("Authorization", fixture.bearer(), "Idempotency-Key", key));
                }));
            }
            ready.await();
            go.countDown();
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get());
        }

        HttpResponse<String> first = responses.getFirst();
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(first.statusCode());
            assertThat(response.body()).isEqualTo(first.body());
            assertThat(response.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        });
        assertThat(responses).filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty()).as("carried out once").hasSize(1);
        String id = fixture.send(java.net.http.HttpRequest.newBuilder(bases.get(0).resolve("/api/videos")).header("Authorization",
                fixture.bearer()).build(), 200).at("/items/0/id").asText();
        TrackingFixture.await("the video READY", () -> fixture.countIn(List.of(id), "READY") == 1);
        assertThat(fixture.count("SELECT count(*) FROM avatar_videos")).as("videos").isEqualTo(1);
        assertThat(simulator.rendersStarted()).as("renders (and HeyGen bills)").isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM idempotency_records WHERE status = 202")).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstIsHeldUpPastTheWaitIsA409ThenTheAnswerIsReplayed() throws Exception {
        URI base = start();
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Authorization", fixture.bearer(), "Idempotency-Key", key);
        CompletableFuture<HttpResponse<String>> first;
        // The first request's INSERT waits for this lock: it is held up in the middle of its work, as a slow one would be.
        try (Handle lock = fixture.sql.open()) {
            lock.begin();
            lock.execute("LOCK TABLE avatar_videos IN EXCLUSIVE MODE");
            first = CompletableFuture.supplyAsync(() -> fixture.post(base.resolve("/api/videos"), ApiCalls.video("Slow"), headers));
            TrackingFixture.await("the first request holding the key",
                    () -> fixture.count("SELECT count(*) FROM idempotency_records WHERE status IS NULL") == 1);

            long started = System.nanoTime();
            HttpResponse<String> meanwhile = fixture.post(base.resolve("/api/videos"), ApiCalls.video("Slow"), headers);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the first").isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(409);
            JsonNode problem = new ApiCalls(base).read(meanwhile.body());
            assertThat(problem.get("type").asText()).isEqualTo("/problems/idempotency-key-in-use");
            assertThat(problem.get("field").asText()).isEqualTo("Idempotency-Key");
            lock.rollback();
        }
        HttpResponse<String> answered = first.get(30, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(202);

        HttpResponse<String> replayed = fixture.post(base.resolve("/api/videos"), ApiCalls.video("Slow"), headers);
        assertThat(replayed.body()).isEqualTo(answered.body());
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(fixture.count("SELECT count(*) FROM avatar_videos")).isEqualTo(1);
    }

    @Test
    void anotherBodyUnderAUsedKeyIsA422AndEachTenantHasItsOwnKeys() {
        URI base = start();
        ApiCalls api = new ApiCalls(base);
        String otherTenant = api.expect(201, "POST", "/admin/tenants", TrackingFixture.ADMIN_KEY, "{\"id\": \"other\"}").at("/apiKey/key").asText();
        String key = "platform-order-7";
        HttpResponse<String> mine = fixture.post(base.resolve("/api/videos"), ApiCalls.video("Mine"), Map.of("Authorization", fixture.bearer(),
                "Idempotency-Key", key));

        HttpResponse<String> changed = fixture.post(base.resolve("/api/videos"), ApiCalls.video("Changed"),
                Map.of("Authorization", fixture.bearer(), "Idempotency-Key", key));
        HttpResponse<String> theirs = fixture.post(base.resolve("/api/videos"), ApiCalls.video("Mine"),
                Map.of("Authorization", "Bearer " + otherTenant, "Idempotency-Key", key));

        assertThat(mine.statusCode()).isEqualTo(202);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(422);
        assertThat(api.read(changed.body()).get("type").asText()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(theirs.statusCode()).isEqualTo(202);
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(fixture.count("SELECT count(*) FROM avatar_videos")).as("one each").isEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM idempotency_records WHERE idempotency_key = 'platform-order-7'")).isEqualTo(2);
    }

    private URI start() {
        int port = TrackingFixture.freePort();
        AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir, port,
                simulator.baseUrl(), simulator.apiKey(), Map.of())));
        instances.add(service);
        return service.baseUrl();
    }
}
