package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video that cannot move on because of HeyGen says why in the API, and the log says it once per renderer account
 * however many rounds it waits, then once more when HeyGen answers again; through the real wiring, against a HeyGen on a
 * closed port and against the simulator rate limiting every request.
 */
class WaitingReasonsEndToEndTest {

    private static final String VIDEO = """
            {"title": "Patient lesson", "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Hi."}]}""";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    @RegisterExtension
    final LogEvents log = new LogEvents();

    @Test
    void withHeyGenUnreachableAQueuedVideoSaysSoAndTheLogSaysItOnce() throws Exception {
        int closedPort = TrackingFixture.freePort();
        try (AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(), "PORT", "0",
                "HEYGEN_BASE_URL", "http://localhost:" + closedPort, "HEYGEN_API_KEY", "key-of-an-unreachable-heygen")))) {
            URI base = service.baseUrl();
            String id = create(base);

            JsonNode waiting = await(base, id, video -> video.has("waiting")).get("waiting");
            assertThat(waiting.get("reason").asText()).isEqualTo("heygen-unreachable");
            assertThat(waiting.get("detail").asText()).startsWith("HeyGen could not be reached").doesNotContain("key-of-an-unreachable-heygen");
            Instant since = Instant.parse(waiting.get("since").asText());
            awaitSubmissions(base, "unavailable", 3);

            JsonNode later = video(base, id);
            assertThat(later.get("status").asText()).isEqualTo("QUEUED");
            assertThat(Instant.parse(later.at("/waiting/since").asText())).as("still the same wait").isEqualTo(since);
            assertThat(linesContaining("its QUEUED videos wait (heygen-unreachable)")).as("told once, not every round").isEqualTo(1);
        }
    }

    @Test
    void whileHeyGenRateLimitsTheVideoWaitsSayingSoAndMovesOnAfterwards() throws Exception {
        try (HeyGenSimulator heygen = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(500)));
             AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                     "DATA_DIR", dataDir.toString(), "PORT", "0", "HEYGEN_BASE_URL", heygen.baseUrl().toString(),
                     "HEYGEN_API_KEY", heygen.apiKey(), "HEYGEN_POLL_INTERVAL_MS", "300")))) {
            URI base = service.baseUrl();
            heygen.useFaults(SimulatorFaults.none().withRateLimits(1.0, Duration.ofSeconds(1)));
            String id = create(base);

            JsonNode waiting = await(base, id, video -> video.has("waiting")).get("waiting");
            assertThat(waiting.get("reason").asText()).isEqualTo("heygen-rate-limited");
            awaitSubmissions(base, "rate_limited", 3);
            assertThat(heygen.rendersStarted()).isZero();
            assertThat(linesContaining("its QUEUED videos wait (heygen-rate-limited)")).as("told once, not every round").isEqualTo(1);

            heygen.useFaults(SimulatorFaults.none());
            JsonNode moved = await(base, id, video -> !video.get("status").asText().equals("QUEUED"));

            assertThat(moved.has("waiting")).as("a video that moved on waits for nothing: %s", moved).isFalse();
            await(base, id, video -> video.get("status").asText().equals("READY"));
            assertThat(linesContaining("answers again; its QUEUED videos no longer wait (heygen-rate-limited is over)")).isEqualTo(1);
        }
    }

    private long linesContaining(String text) {
        return log.list().stream().map(ILoggingEvent::getFormattedMessage).filter(message -> message.contains(text)).count();
    }

    private String create(URI base) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("/api/videos")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(VIDEO)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json.readTree(created.body()).get("id").asText();
    }

    private JsonNode video(URI base, String id) throws Exception {
        return json.readTree(send(HttpRequest.newBuilder(base.resolve("/api/videos/" + id))).body());
    }

    private JsonNode await(URI base, String id, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode video = null;
        while (Instant.now().isBefore(deadline)) {
            video = video(base, id);
            if (condition.test(video)) {
                return video;
            }
            assertThat(video.get("status").asText()).as("video went wrong: %s", video).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("video " + id + " did not get there within 60 s; last seen " + video);
    }

    /** Until the service has tried to submit at least {@code rounds} times with that outcome, as its metrics count. */
    private void awaitSubmissions(URI base, String outcome, int rounds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        double seen = 0;
        while (Instant.now().isBefore(deadline)) {
            seen = 0;
            for (String line : send(HttpRequest.newBuilder(base.resolve("/metrics"))).body().split("\n")) {
                if (line.startsWith("heygen_calls_total{") && line.contains("operation=\"submit\"") && line.contains("outcome=\"" + outcome + "\"")) {
                    seen += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            if (seen >= rounds) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("only " + seen + " submissions ended " + outcome + " within 60 s");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", ApiKeyFiles.bearer(dataDir)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
