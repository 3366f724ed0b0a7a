package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11, class 10: the zero-configuration service (embedded PostgreSQL, the built-in HeyGen simulator, nothing but
 * DATA_DIR and PORT set) is restarted, as its own JVM the way {@code main} starts it, while a video renders. The
 * simulator takes back the render from DATA_DIR/heygen-simulator, so the video reaches READY on schedule; it used to
 * fail as {@code render_not_found} two minutes later, since the render had lived in the first JVM's memory only.
 */
class ServiceRestartedDuringRenderTest {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRestartedDuringRenderTest.class);
    /** Long enough that a stop and a start (embedded PostgreSQL included) fit inside one render. */
    private static final Duration RENDER_TIME = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aVideoRenderingWhileTheZeroConfigServiceRestartsReachesReady() throws Exception {
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        Map<String, String> env = Map.of("DATA_DIR", dataDir.toString(), "PORT", Integer.toString(port),
                "SIMULATOR_RENDER_MS", Long.toString(RENDER_TIME.toMillis()),
                "HEYGEN_POLL_INTERVAL_MS", "300", "HEYGEN_POLL_MAX_INTERVAL_MS", "1000");

        Process first = start(env, "first");
        awaitAnswering(base, first);
        String id = send("POST", base.resolve("/api/videos"), ApiCalls.video("Across a restart"), 202).get("id").asText();
        TrackingFixture.await("the video is rendering", () -> "RENDERING".equals(video(base, id).get("status").asText()));
        first.destroy();
        assertThat(first.waitFor(2, TimeUnit.MINUTES)).as("the first service stops").isTrue();
        assertThat(first.exitValue()).as("ended by SIGTERM").isEqualTo(143);
        Instant stoppedAt = Instant.now();
        JsonNode render = onlyRenderIn(journal());
        Instant renderEnds = Instant.parse(render.get("created_at").asText()).plus(Duration.parse(render.get("render_time").asText()));
        LOG.info("first service stopped at {}; its render ends at {}", stoppedAt, renderEnds);
        assertThat(renderEnds).as("stopped during the render").isAfter(stoppedAt);

        Process second = start(env, "second");
        awaitAnswering(base, second);
        TrackingFixture.await("the video is READY after the restart", () -> {
            JsonNode video = video(base, id);
            if (video.get("status").asText().equals("FAILED")) {
                throw new AssertionError("the video failed after the restart: " + video);
            }
            return video.get("status").asText().equals("READY");
        });

        JsonNode ready = video(base, id);
        assertThat(ready.at("/file/checksum").asText()).startsWith("sha256:");
        assertThat(onlyRenderIn(journal()).get("id").asText()).as("rendered once, not submitted again").isEqualTo(render.get("id").asText());
        assertThat(Files.readString(log("second"))).contains("1 renders taken back from an earlier run");
    }

    private Path journal() {
        return dataDir.resolve(HeyGen.SIMULATOR_STATE).resolve("journal.jsonl");
    }

    private JsonNode onlyRenderIn(Path journal) throws IOException {
        List<JsonNode> renders = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode entry = json.readTree(line);
            if (entry.path("kind").asText().equals("render")) {
                renders.add(entry);
            }
        }
        assertThat(renders).hasSize(1);
        return renders.getFirst();
    }

    private JsonNode video(URI base, String id) {
        return send("GET", base.resolve("/api/videos/" + id), null, 200);
    }

    private JsonNode send(String method, URI uri, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isEqualTo(expected);
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitAnswering(URI base, Process process) {
        TrackingFixture.await("the service answers /health/live", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the service died while starting; see " + dataDir);
            }
            return MainProcess.answersLive(http, base);
        });
    }

    private Process start(Map<String, String> env, String name) throws IOException {
        Process process = MainProcess.start(env, log(name));
        processes.add(process);
        LOG.info("started the zero-config service as process {} ({}); output in {}", process.pid(), name, log(name));
        return process;
    }

    private Path log(String name) {
        return dataDir.resolve(name + ".log");
    }
}
