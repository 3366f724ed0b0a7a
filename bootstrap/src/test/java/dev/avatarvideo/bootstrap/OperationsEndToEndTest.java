package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations through the real wiring: after a video was requested, rendered and stored, {@code /metrics} shows the
 * requests, the HeyGen calls and the ingest; {@code /health/ready} names each dependency; the request id names every
 * line of its request and the background work names the video it worked on.
 */
class OperationsEndToEndTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    @RegisterExtension
    final LogEvents log = new LogEvents();

    @Test
    void afterAWalkThroughTheMetricsShowTheRequestsTheHeyGenCallsAndTheIngest() throws Exception {
        try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(), "PORT", "0", "SIMULATOR_RENDER_MS", "1000", "HEYGEN_POLL_INTERVAL_MS", "300")))) {
            URI base = service.baseUrl();
            HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("/api/videos")).header("Content-Type", "application/json")
                    .header("X-Request-Id", "walkthrough-create-1")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"title": "Metered lesson", "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Hi."}]}""")));
            assertThat(created.statusCode()).isEqualTo(202);
            assertThat(created.headers().firstValue("X-Request-Id")).contains("walkthrough-create-1");
            String id = json.readTree(created.body()).get("id").asText();
            JsonNode file = awaitReady(base, id).get("file");
            assertThat(send(HttpRequest.newBuilder(base.resolve("/api/avatars"))).statusCode()).isEqualTo(200);

            Map<String, Double> metrics = scrape(base);

            assertThat(sample(metrics, "http_server_requests_seconds_count", Map.of("method", "POST", "uri", "/api/videos", "status", "202")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(sample(metrics, "http_server_requests_seconds_count", Map.of("method", "GET", "uri", "/api/videos/{id}", "status", "200")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.keySet()).noneMatch(key -> key.contains(id));
            assertThat(sample(metrics, "heygen_calls_total", Map.of("operation", "submit", "outcome", "accepted"))).isGreaterThanOrEqualTo(1);
            assertThat(sample(metrics, "heygen_calls_total", Map.of("operation", "download", "outcome", "opened"))).isGreaterThanOrEqualTo(1);
            assertThat(sample(metrics, "heygen_calls_total", Map.of("operation", "list_avatars", "outcome", "answered"))).isGreaterThanOrEqualTo(1);
            assertThat(sample(metrics, "heygen_calls_total", Map.of("operation", "check_key", "outcome", "valid"))).isGreaterThanOrEqualTo(1);
            assertThat(sample(metrics, "heygen_call_duration_seconds_count", Map.of("operation", "status"))).isGreaterThanOrEqualTo(1);
            assertThat(sample(metrics, "avatarvideo_ingest_bytes_total", Map.of())).isGreaterThanOrEqualTo(file.get("fileSize").asDouble());
            // Each file of the lesson is a download of its own, timed as one copy and tagged with the part it is.
            assertThat(sample(metrics, "avatarvideo_ingest_duration_seconds_count", Map.of("outcome", "complete", "part", "video")))
                    .as("one video copied").isEqualTo(1);
            assertThat(sample(metrics, "avatarvideo_ingest_duration_seconds_count", Map.of("outcome", "complete", "part", "companion")))
                    .as("its poster and preview").isEqualTo(2);
            assertThat(sample(metrics, "avatarvideo_videos", Map.of("status", "READY"))).isEqualTo(1);
            assertThat(sample(metrics, "avatarvideo_queue_depth", Map.of("queue", "submission"))).isZero();
            assertThat(sample(metrics, "jvm_threads_live_threads", Map.of())).isPositive();

            JsonNode ready = json.readTree(send(HttpRequest.newBuilder(base.resolve("/health/ready"))).body());
            assertThat(ready.get("status").asText()).isEqualTo("UP");
            assertThat(ready.at("/checks/database/status").asText()).isEqualTo("UP");
            assertThat(ready.at("/checks/storage/status").asText()).isEqualTo("UP");
            assertThat(ready.at("/checks/heygen/status").asText()).isEqualTo("UP");

            assertThat(log.list()).filteredOn(line -> "walkthrough-create-1".equals(line.getMDCPropertyMap().get("requestId")))
                    .extracting(ILoggingEvent::getFormattedMessage).anyMatch(message -> message.startsWith("POST /api/videos -> 202"));
            assertThat(log.list()).filteredOn(line -> line.getThreadName().startsWith("background-"))
                    .anySatisfy(line -> {
                        assertThat(line.getFormattedMessage()).contains("video " + id + " READY");
                        assertThat(line.getMDCPropertyMap()).containsEntry("work", "ingest").doesNotContainKey("requestId");
                    });
        }
    }

    @Test
    void withHeyGenUnreachableTheInstanceIsStillReadyButSaysWhatIsDown() throws Exception {
        int closedPort = TrackingFixture.freePort();
        try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(), "PORT", "0",
                "HEYGEN_BASE_URL", "http://localhost:" + closedPort, "HEYGEN_API_KEY", "key-of-an-unreachable-heygen")))) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(service.baseUrl().resolve("/health/ready")));
            JsonNode ready = json.readTree(response.body());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ready.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(ready.at("/checks/database/status").asText()).isEqualTo("UP");
            assertThat(ready.at("/checks/heygen/status").asText()).isEqualTo("DOWN");
            assertThat(ready.at("/checks/heygen/required").asBoolean()).isFalse();
            assertThat(ready.at("/checks/heygen/detail").asText()).startsWith("unreachable").doesNotContain("key-of-an-unreachable-heygen");
        }
    }

    private JsonNode awaitReady(URI base, String id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        JsonNode video = null;
        while (Instant.now().isBefore(deadline)) {
            video = json.readTree(send(HttpRequest.newBuilder(base.resolve("/api/videos/" + id))).body());
            if (video.get("status").asText().equals("READY")) {
                return video;
            }
            assertThat(video.get("status").asText()).as("video went wrong: %s", video).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("video " + id + " was not READY within 90 s; last seen " + video);
    }

    /** Every sample of the page, keyed by its name and its labels as written. */
    private Map<String, Double> scrape(URI base) throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve("/metrics")));
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : page.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1) + "{" + (sample.group(2) == null ? "" : sample.group(2)) + "}", Double.parseDouble(sample.group(3)));
            }
        }
        return samples;
    }

    /** The sum over the samples of that name whose labels include the wanted ones. */
    private static double sample(Map<String, Double> samples, String name, Map<String, String> wanted) {
        double sum = 0;
        boolean found = false;
        for (Map.Entry<String, Double> entry : samples.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(name + "{")) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(key.substring(name.length()));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (labels.entrySet().containsAll(wanted.entrySet())) {
                sum += entry.getValue();
                found = true;
            }
        }
        assertThat(found).as("a sample %s%s on the page", name, wanted).isTrue();
        return sum;
    }

    /** As the default tenant: probes and scrapes ignore the key, /api needs it. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", ApiKeyFiles.bearer(dataDir)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
