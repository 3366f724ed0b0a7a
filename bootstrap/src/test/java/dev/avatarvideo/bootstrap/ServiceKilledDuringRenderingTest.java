package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Acceptance 5: the service, as its own JVM started the way {@code main} is, is killed ({@code kill -9}) while 30 videos
 * are being submitted and rendered (HeyGen answers slowly, so some are still on their way), and started again. Every video reaches READY and HeyGen rendered each exactly once:
 * the claims the dead process held lapse, and a video it may have sent without recording is sent again under the same
 * idempotency key. The simulator lives in the test JVM, so it survives the kill.
 */
class ServiceKilledDuringRenderingTest {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceKilledDuringRenderingTest.class);
    private static final int VIDEOS = 30;

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(4)));
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        simulator.close();
    }

    @Test
    void afterAKillDuringRenderingEveryVideoIsReadyAndNoneRenderedTwice() throws Exception {
        // Each answer takes a while, so the kill lands while videos are still being sent: some renders are started at
        // HeyGen whose answer the service never got.
        simulator.useFaults(SimulatorFaults.none().withLatency(Duration.ofMillis(150)));
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        Map<String, String> env = fixture.environment(dataDir, port, simulator.baseUrl(), simulator.apiKey(), Map.of(
                "HEYGEN_MAX_RENDERS_PER_KEY", Integer.toString(VIDEOS),
                "WORK_LEASE_MS", "3000"));

        Process first = start(env, "first");
        awaitHealthy(base, first);
        List<String> ids = fixture.requestVideos(base, VIDEOS, "Survivor");
        TrackingFixture.await("renders under way", () -> simulator.rendersStarted() >= VIDEOS / 3);

        first.destroyForcibly();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        Map<String, String> atKill = fixture.statuses(ids);
        LOG.info("killed with {} renders started; statuses then: {} RENDERING, {} QUEUED, {} READY", simulator.rendersStarted(),
                count(atKill, "RENDERING"), count(atKill, "QUEUED"), count(atKill, "READY"));
        assertThat(count(atKill, "READY")).as("killed before any render finished").isZero();
        assertThat(count(atKill, "RENDERING")).as("killed during rendering").isPositive();

        Process second = start(env, "second");
        awaitHealthy(base, second);
        TrackingFixture.await("all " + VIDEOS + " READY after the restart", () -> {
            if (!second.isAlive()) {
                throw new AssertionError("the restarted service died; see " + log("second"));
            }
            return fixture.countIn(ids, "READY") == VIDEOS;
        });

        assertThat(simulator.rendersStarted()).as("no render twice").isEqualTo(VIDEOS);
        assertThat(simulator.videoDownloads()).isEqualTo(VIDEOS);
        assertThat(TrackingFixture.storedObjects(dataDir)).as("each video with its poster and preview, nothing else").isEqualTo(3L * VIDEOS);
        assertThat(fixture.count("SELECT count(DISTINCT render_id) FROM avatar_videos")).isEqualTo(VIDEOS);
        for (String id : List.of(ids.getFirst(), ids.getLast())) {
            assertThat(fixture.video(base, id).at("/file/checksum").asText()).startsWith("sha256:");
        }
    }

    private static long count(Map<String, String> statuses, String status) {
        return statuses.values().stream().filter(status::equals).count();
    }

    private Process start(Map<String, String> env, String name) throws IOException {
        Process process = MainProcess.start(env, log(name));
        processes.add(process);
        LOG.info("started the service as process {} ({}); output in {}", process.pid(), name, log(name));
        return process;
    }

    private Path log(String name) {
        return dataDir.resolve(name + ".log");
    }

    private void awaitHealthy(URI base, Process process) {
        TrackingFixture.await("the service answers /health/live", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the service died while starting:\n" + tail(process));
            }
            return MainProcess.answersLive(http, base);
        });
    }

    private String tail(Process process) {
        for (String name : List.of("second", "first")) {
            try {
                List<String> lines = Files.readAllLines(log(name));
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                // try the other log
            }
        }
        return "(no log of process " + process.pid() + ")";
    }
}
