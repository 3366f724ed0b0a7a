package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import dev.avatarvideo.testsupport.WebhookReceiver;
import dev.avatarvideo.testsupport.WebhookReceiver.Received;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed notifications to the platform through the real wiring: triggers fill the outbox, the delivery loop sends it. */
class OutboundNotificationsEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SCENE = "{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \"Hello\"}";
    private static final String MASTER_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String ANOTHER_MASTER_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @TempDir
    Path dataDir;

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void endpointsAndTheRequestsCallbackReceiveSignedNotificationsAsAReceiverVerifiesThem() throws Exception {
        try (AvatarVideoService service = AvatarVideoService.start(config(Map.of("SIMULATOR_RENDER_MS", "1000")))) {
            JsonNode endpoint = json.readTree(send(service, "POST", "/api/webhook-endpoints",
                    "{\"url\": \"" + receiver.url("/endpoint") + "\", \"events\": [\"video.ready\", \"video.failed\"]}").body());
            String endpointSecret = endpoint.get("secret").asText();
            String callbackSecret = json.readTree(send(service, "GET", "/api/callback-secret", null).body()).get("secret").asText();
            Instant requested = Instant.now();
            String videoId = json.readTree(send(service, "POST", "/api/videos",
                    "{\"title\": \"Hooked\", \"callbackUrl\": \"" + receiver.url("/callback?ref=42") + "\", \"scenes\": [" + SCENE + "]}").body())
                    .get("id").asText();

            List<Received> received = receiver.awaitReceived(all -> all.stream().filter(r -> r.path().equals("/endpoint")).count() == 1
                    && all.stream().filter(r -> r.path().startsWith("/callback")).count() == 3, PATIENCE);

            List<Received> toEndpoint = received.stream().filter(r -> r.path().equals("/endpoint")).toList();
            List<Received> toCallback = received.stream().filter(r -> r.path().equals("/callback?ref=42")).toList();
            assertThat(toEndpoint).allSatisfy(r -> {
                assertThat(r.signedWith(endpointSecret)).isTrue();
                assertThat(r.signedWith(callbackSecret)).isFalse();
            });
            assertThat(toCallback).allSatisfy(r -> {
                assertThat(r.signedWith(callbackSecret)).isTrue();
                assertThat(r.signedWith(endpointSecret)).isFalse();
            });
            for (Received r : received) {
                assertThat(r.contentType()).isEqualTo("application/json");
                assertThat(Instant.ofEpochSecond(Long.parseLong(r.timestamp()))).as("a timestamp a receiver accepts (within 5 minutes)")
                        .isBetween(requested.minusSeconds(300), Instant.now().plusSeconds(300));
                JsonNode body = tree(r);
                assertThat(r.id()).isEqualTo("evt_" + body.at("/data/eventId").asLong());
                assertThat(body.at("/data/videoId").asText()).isEqualTo(videoId);
            }
            assertThat(toCallback).extracting(r -> tree(r).get("type").asText())
                    .containsExactlyInAnyOrder("video.rendering", "video.ingesting", "video.ready");
            JsonNode ready = tree(toEndpoint.getFirst());
            assertThat(ready.get("type").asText()).isEqualTo("video.ready");
            assertThat(ready.at("/data/status").asText()).isEqualTo("READY");
            assertThat(ready.at("/data/file/checksum").asText()).startsWith("sha256:");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(ready.at("/data/file/fileUrl").asText())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("the address in the notification works").isEqualTo(200);
            assertThat(toCallback.stream().map(r -> tree(r).at("/data/eventId").asLong()))
                    .as("the ready event is one message, whoever receives it")
                    .contains(ready.at("/data/eventId").asLong());
        }
    }

    @Test
    void aFailingReceiverIsTriedAgainAfterGrowingDelaysUntilItAnswers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        receiver.answerWith(() -> attempts.incrementAndGet() <= 4 ? 503 : 204);
        TestPostgres.Database database = TestPostgres.freshDatabase();
        try (AvatarVideoService service = AvatarVideoService.start(config(Map.of(
                "DATABASE_URL", database.jdbcUrl(), "DATABASE_USER", database.user(), "DATABASE_PASSWORD", database.password(),
                "SIMULATOR_RENDER_MS", "3600000", "WEBHOOK_RETRY_FIRST_DELAY_MS", "400", "WEBHOOK_RETRY_MAX_DELAY_MS", "60000",
                "WEBHOOK_POLL_INTERVAL_MS", "50")))) {
            send(service, "POST", "/api/webhook-endpoints", "{\"url\": \"" + receiver.url("/flaky") + "\", \"events\": [\"video.queued\"]}");
            send(service, "POST", "/api/videos", "{\"scenes\": [" + SCENE + "]}");

            List<Received> received = receiver.awaitReceived(all -> all.size() == 5, PATIENCE);

            assertThat(received).extracting(Received::id).containsOnly(received.getFirst().id());
            List<Duration> gaps = new ArrayList<>();
            for (int i = 1; i < received.size(); i++) {
                gaps.add(Duration.between(received.get(i - 1).at(), received.get(i).at()));
            }
            // Lower bounds only (a busy machine makes waits longer, never shorter): 400 ms doubling, less 20 % jitter.
            for (int i = 0; i < gaps.size(); i++) {
                long atLeast = (long) (400 * Math.pow(2, i) * 0.8) - 50;
                assertThat(gaps.get(i).toMillis()).as("wait before attempt %d", i + 2).isGreaterThanOrEqualTo(atLeast);
            }
            // The receiver has answered before the sender records the answer: wait for the record, not just the request.
            Jdbi raw = Jdbi.create(database.dataSource());
            Map<String, Object> delivery = awaitDeliveryLeaves(raw, "PENDING");
            assertThat(delivery.get("state")).isEqualTo("DELIVERED");
            assertThat(delivery.get("attempts")).isEqualTo(5);
            assertThat(delivery.get("last_error")).isEqualTo("HTTP 503");
        }
    }

    /** Issue 6, acceptance 4 (for notifications): two instances delivering from one outbox never send an event twice. */
    @Test
    void twoInstancesOnOneDatabaseNeverDeliverTheSameEventTwice() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        try (HeyGenSimulator heygen = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(1000)));
             AvatarVideoService a = AvatarVideoService.start(config(shared(database, heygen, dataDir.resolve("a"))));
             AvatarVideoService b = AvatarVideoService.start(config(shared(database, heygen, dataDir.resolve("b"))))) {
            send(a, "POST", "/api/webhook-endpoints", "{\"url\": \"" + receiver.url("/all") + "\"}");
            for (int i = 0; i < 20; i++) {
                send(i % 2 == 0 ? a : b, "POST", "/api/videos", "{\"title\": \"Video " + i + "\", \"scenes\": [" + SCENE + "]}");
            }
            Jdbi raw = Jdbi.create(database.dataSource());
            awaitAllFinished(raw, 20);
            Set<String> events = raw.withHandle(h -> h.createQuery("SELECT 'evt_' || id FROM video_events").mapTo(String.class).set());

            List<Received> received = receiver.awaitReceived(all -> all.stream().map(Received::id).collect(Collectors.toSet()).containsAll(events),
                    PATIENCE);

            Map<String, Long> timesEach = received.stream().collect(Collectors.groupingBy(Received::id, HashMap::new, Collectors.counting()));
            assertThat(timesEach.keySet()).isEqualTo(events);
            assertThat(timesEach.values()).containsOnly(1L);
            assertThat(events).hasSizeGreaterThanOrEqualTo(80);
        }
    }

    /** One master key seals every secret: an instance with another one stops at start, before it could fail a delivery. */
    @Test
    void anInstanceWhoseMasterKeyDoesNotOpenTheStoredSecretsRefusesToStartNamingMasterKey() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        // Polling: the only sealed secret is then the notification endpoint's (hybrid would seal a renderer webhook's too).
        Map<String, String> onDatabase = Map.of(
                "DATABASE_URL", database.jdbcUrl(), "DATABASE_USER", database.user(), "DATABASE_PASSWORD", database.password(),
                "HEYGEN_PROCESSING_MODE", "polling");
        try (AvatarVideoService first = AvatarVideoService.start(config(onDatabase))) {
            send(first, "POST", "/api/webhook-endpoints", "{\"url\": \"" + receiver.url("/sealed") + "\"}");
        }
        Map<String, String> anotherKey = new HashMap<>(onDatabase);
        anotherKey.put("MASTER_KEY", ANOTHER_MASTER_KEY);
        Map<String, String> ownKeyFile = new HashMap<>(onDatabase);
        ownKeyFile.put("MASTER_KEY", "");
        ownKeyFile.put("DATA_DIR", dataDir.resolve("elsewhere").toString());

        assertThatThrownBy(() -> AvatarVideoService.start(config(anotherKey))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("notification_endpoints").hasMessageContaining("MASTER_KEY")
                .hasMessageNotContaining(MASTER_KEY).hasMessageNotContaining(ANOTHER_MASTER_KEY);
        assertThatThrownBy(() -> AvatarVideoService.start(config(ownKeyFile))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MASTER_KEY");
        try (AvatarVideoService again = AvatarVideoService.start(config(onDatabase))) {
            assertThat(send(again, "GET", "/api/webhook-endpoints", null).body()).contains(receiver.url("/sealed").toString());
        }
    }

    private JsonNode tree(Received request) {
        try {
            return json.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + request.body(), e);
        }
    }

    private static Map<String, Object> awaitDeliveryLeaves(Jdbi raw, String state) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Object> delivery = raw.withHandle(h -> h.createQuery(
                    "SELECT state, attempts, last_error, delivered_at FROM notification_deliveries").mapToMap().one());
            if (!state.equals(delivery.get("state")) || System.nanoTime() > deadline) {
                return delivery;
            }
            Thread.sleep(50);
        }
    }

    private static void awaitAllFinished(Jdbi raw, int videos) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (raw.withHandle(h -> h.createQuery("SELECT count(*) FROM avatar_videos WHERE status IN ('READY', 'FAILED')")
                .mapTo(Integer.class).one()) < videos) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the videos did not finish within " + PATIENCE);
            }
            Thread.sleep(100);
        }
    }

    private Map<String, String> shared(TestPostgres.Database database, HeyGenSimulator heygen, Path instanceDir) {
        return Map.of("DATA_DIR", instanceDir.toString(),
                "DATABASE_URL", database.jdbcUrl(), "DATABASE_USER", database.user(), "DATABASE_PASSWORD", database.password(),
                "HEYGEN_BASE_URL", heygen.baseUrl().toString(), "HEYGEN_API_KEY", heygen.apiKey(),
                "WEBHOOK_POLL_INTERVAL_MS", "20");
    }

    private Configuration config(Map<String, String> overrides) {
        // The receiver listens on loopback: an internal address, which the operator has to allow.
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", dataDir.toString(), "PORT", "0", "HEYGEN_POLL_INTERVAL_MS", "200",
                "WEBHOOK_POLL_INTERVAL_MS", "100", "MASTER_KEY", MASTER_KEY, "NOTIFICATION_ALLOWED_HOSTS", "127.0.0.1"));
        env.putAll(overrides);
        return Configuration.fromEnvironment(env);
    }

    private HttpResponse<String> send(AvatarVideoService service, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.baseUrl().resolve(path))
                .header("Authorization", ApiKeyFiles.bearer(dataDir, dataDir.resolve("a"), dataDir.resolve("b")));
        request.header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response;
    }
}
