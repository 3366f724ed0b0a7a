package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.application.port.in.operations.CheckReadiness;
import dev.avatarvideo.application.port.in.operations.CheckReadiness.DependencyState;
import dev.avatarvideo.domain.TenantId;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code /health/*}, {@code /metrics}, request ids and per-route metrics, over real HTTP. */
class OperationsRoutesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path uploads;

    private final AtomicReference<CheckReadiness.Readiness> readiness = new AtomicReference<>();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private FakeBackedServer backend;

    @BeforeEach
    void start() {
        HttpMetrics metrics = new HttpMetrics() {
            @Override
            public void served(String method, String route, int status, Duration took) {
                served.add(method + " " + route + " " + status);
            }

            @Override
            public String scrape() {
                return "# TYPE requests_total counter\nrequests_total " + served.size() + "\n";
            }
        };
        backend = new FakeBackedServer(TenantId.of("ops"), uploads, new JavalinServer.Operations(readiness::get, metrics));
        log.start();
        ((Logger) LoggerFactory.getLogger(JavalinServer.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(JavalinServer.class)).detachAppender(log);
        backend.close();
    }

    @Test
    void readyAnswers200WithEveryDependencyWhenTheRequiredOnesAreUp() throws Exception {
        readiness.set(new CheckReadiness.Readiness(List.of(
                new DependencyState("database", true, true, "SELECT 1 answered", Duration.ofMillis(3), NOW),
                new DependencyState("heygen", false, false, "HeyGen answered 503", Duration.ofMillis(40), NOW))));

        HttpResponse<String> response = get("/health/ready", null);
        JsonNode body = json.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.at("/checks/database/status").asText()).isEqualTo("UP");
        assertThat(body.at("/checks/database/tookMs").asLong()).isEqualTo(3);
        assertThat(body.at("/checks/heygen/status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/heygen/required").asBoolean()).isFalse();
        assertThat(body.at("/checks/heygen/detail").asText()).isEqualTo("HeyGen answered 503");
        assertThat(body.at("/checks/heygen/checkedAt").asText()).isEqualTo("2026-11-21T10:00:00Z");
    }

    @Test
    void readyAnswers503NamingTheRequiredDependencyThatIsDown() throws Exception {
        readiness.set(new CheckReadiness.Readiness(List.of(
                new DependencyState("database", false, true, "no answer within 2000 ms", Duration.ofSeconds(2), NOW),
                new DependencyState("storage", true, true, "bucket answers", Duration.ofMillis(9), NOW))));

        HttpResponse<String> response = get("/health/ready", null);
        JsonNode body = json.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/database/detail").asText()).isEqualTo("no answer within 2000 ms");
        assertThat(body.at("/checks/storage/status").asText()).isEqualTo("UP");
    }

    @Test
    void liveAnswersWithoutAskingAnyDependency() throws Exception {
        HttpResponse<String> response = get("/health/live", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsServesThePrometheusPage() throws Exception {
        get("/api/videos", null);

        HttpResponse<String> response = get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("# TYPE requests_total counter").containsPattern("requests_total [1-9]");
    }

    @Test
    void requestsAreCountedByRouteTemplateNeverByRawPath() throws Exception {
        get("/api/videos/" + java.util.UUID.randomUUID(), null);
        get("/api/videos/not-an-id", null);
        get("/no/such/route", null);
        get("/api/videos?limit=1", null);

        awaitServed(4);
        assertThat(served).containsExactly("GET /api/videos/{id} 404", "GET /api/videos/{id} 404", "GET unmatched 404", "GET /api/videos 200");
    }

    @Test
    void aSaneRequestIdIsEchoedAndNamedInTheRequestsLogLine() throws Exception {
        HttpResponse<String> response = get("/api/videos?limit=1", "trace-4f0c.17:ab");

        assertThat(response.headers().firstValue("X-Request-Id")).contains("trace-4f0c.17:ab");
        awaitServed(1);
        assertThat(log.list).anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).startsWith("GET /api/videos -> 200");
            assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "trace-4f0c.17:ab");
        });
    }

    @Test
    void aMissingOrInsaneRequestIdIsReplacedByAFreshOne() throws Exception {
        String injected = "x\" level=ERROR forged=" + "y".repeat(200);
        HttpResponse<String> insane = get("/api/videos?limit=1", injected);
        HttpResponse<String> first = get("/api/videos?limit=1", null);
        HttpResponse<String> second = get("/api/videos?limit=1", null);

        String replaced = insane.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(replaced).matches("[0-9a-f]{16}");
        assertThat(first.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{16}"));
        assertThat(first.headers().firstValue("X-Request-Id")).isNotEqualTo(second.headers().firstValue("X-Request-Id"));
        awaitServed(3);
        assertThat(log.list).hasSize(3).extracting(line -> line.getMDCPropertyMap().get("requestId"))
                .containsExactlyInAnyOrder(replaced, first.headers().firstValue("X-Request-Id").orElseThrow(),
                        second.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void probesAndScrapesAreCountedButNotLoggedWhileTheyAnswerWell() throws Exception {
        readiness.set(new CheckReadiness.Readiness(List.of()));
        get("/health/live", null);
        get("/health/ready", null);
        get("/metrics", null);
        get("/api/videos?limit=1", null);

        awaitServed(4);
        assertThat(served).contains("GET /health/live 200", "GET /health/ready 200", "GET /metrics 200");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith("GET /api/videos -> 200");
    }

    @Test
    void aRefusedKeyIsCountedAndLoggedWithItsRequestIdLikeAnyOtherAnswer() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(backend.uri("/api/videos/" + java.util.UUID.randomUUID()))
                .header("X-Request-Id", "no-key-1").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Request-Id")).contains("no-key-1");
        awaitServed(1);
        // Refused before routing: one series for every refused path, so guessing paths cannot grow the metrics.
        assertThat(served).containsExactly("GET unmatched 401");
        assertThat(log.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).startsWith("GET /api/videos/").contains("-> 401");
            assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "no-key-1");
        });
    }

    @Test
    void anErrorAnswerCarriesTheRequestIdToo() throws Exception {
        HttpResponse<String> response = get("/api/videos?limit=many", "bad-limit-request");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Request-Id")).contains("bad-limit-request");
    }

    private void awaitServed(int count) throws InterruptedException {
        // The count is taken after the answer has left, so it may trail the client by a moment.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (served.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** As the tenant the server was made for: probes and scrapes ignore the key, /api needs it. */
    private HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri(path)).header("Authorization", "Bearer " + backend.apiKey);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
