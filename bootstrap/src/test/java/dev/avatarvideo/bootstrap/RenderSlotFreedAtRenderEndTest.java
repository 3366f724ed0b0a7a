package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance 2 (issue 15): a render's slot on the HeyGen key is free the moment HeyGen reports the render finished,
 * whatever its copy is doing. One slot (the key's budget, and the simulator's limit: a creation above it is refused),
 * one copy at a time, and copies that take about 10 s (2 MiB at 200 KiB/s): the first video's copy is still running
 * when the second render ends, and the third render starts anyway, long before that first copy is done. Before, in
 * webhook mode, the second render kept the slot until the copier reached it, after the first copy.
 */
class RenderSlotFreedAtRenderEndTest {

    private static final long FILE_BYTES = 2L * 1024 * 1024;
    private static final long BYTES_PER_SECOND = 200L * 1024;

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(500))
            .withVideoSize(FILE_BYTES).withDownloadRate(BYTES_PER_SECOND)
            // The service registers its plain-HTTP loopback address; HeyGen itself would want https.
            .withHttpWebhookUrlsAllowed());
    private AvatarVideoService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook", "polling"})
    void aSlowCopyDoesNotDelayTheNextSubmission(String mode) {
        simulator.useFaults(SimulatorFaults.none().withConcurrencyLimitPerKey(1));
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        service = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir, port, simulator.baseUrl(),
                simulator.apiKey(), Map.of("HEYGEN_PROCESSING_MODE", mode, "PUBLIC_BASE_URL", base.toString(),
                        "HEYGEN_POLL_INTERVAL_MS", "300", "HEYGEN_POLL_MAX_INTERVAL_MS", "300",
                        "HEYGEN_MAX_RENDERS_PER_KEY", "1", "INGEST_PARALLEL_COPIES", "1"))));

        List<String> ids = fixture.requestVideos(base, 3, "Slot");
        TrackingFixture.await("every video READY", () -> fixture.countIn(ids, "READY") == 3);

        List<HeyGenSimulator.RenderSpan> renders = simulator.renderSpans(simulator.apiKey()).stream()
                .sorted(Comparator.comparing(HeyGenSimulator.RenderSpan::startedAt)).toList();
        Instant firstCopyDone = fixture.sql.withHandle(handle -> handle.createQuery(
                        "SELECT min(occurred_at) FROM video_events WHERE status = 'READY'").mapTo(OffsetDateTime.class).one()).toInstant();
        Duration oneCopy = Duration.ofMillis(FILE_BYTES * 1000 / BYTES_PER_SECOND);
        assertThat(renders).hasSize(3);
        assertThat(renders.get(2).startedAt()).as("%s: the third render started while the first copy (%s) still ran", mode, oneCopy)
                .isBefore(firstCopyDone.minus(oneCopy.dividedBy(3)));
        assertThat(simulator.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v3/videos")))
                .as("one creation per video: none refused for going beyond the key's one slot").hasSize(3);
    }
}
