package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance 1: each processing mode end to end through the real wiring on PostgreSQL, against the simulator over
 * HTTP. 20 videos reach READY in polling, webhook and hybrid mode; with 30% of the webhooks lost, hybrid still
 * finishes all 20, and webhook mode reports exactly the stuck ones as overdue in {@code /api/status}.
 */
class ProcessingModesEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingModesEndToEndTest.class);
    private static final int VIDEOS = 20;

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(1500))
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

    @Test
    void pollingFinishesEveryVideoWithBulkStatusCalls() {
        URI base = start("polling", Map.of());

        List<String> ids = fixture.requestVideos(base, VIDEOS, "Polled");
        TrackingFixture.await("every video READY", () -> fixture.countIn(ids, "READY") == VIDEOS);

        JsonNode status = fixture.status(base);
        LOG.info("polling: {}", status);
        assertThat(status.get("processingMode").asText()).isEqualTo("polling");
        assertThat(status.at("/webhook/enabled").asBoolean()).isFalse();
        assertThat(status.at("/statusCalls/bulk").asLong()).as("batched: fewer bulk calls than videos").isBetween(1L, (long) VIDEOS - 1);
        assertThat(status.at("/statusCalls/single").asLong()).as("one fresh status per download").isEqualTo(VIDEOS);
        assertThat(status.at("/statusCalls/submissions").asLong()).isEqualTo(VIDEOS);
        assertThat(simulator.rendersStarted()).isEqualTo(VIDEOS);
        assertThat(simulator.videoDownloads()).isEqualTo(VIDEOS);
    }

    @Test
    void webhookModeFinishesEveryVideoWithoutPolling() {
        URI base = start("webhook", Map.of());
        assertThat(fixture.status(base).at("/webhook/registered").asBoolean()).as("registered at start").isTrue();

        List<String> ids = fixture.requestVideos(base, VIDEOS, "Announced");
        TrackingFixture.await("every video READY", () -> fixture.countIn(ids, "READY") == VIDEOS);

        JsonNode status = fixture.status(base);
        LOG.info("webhook: {}", status);
        assertThat(status.get("processingMode").asText()).isEqualTo("webhook");
        assertThat(status.at("/webhook/enabled").asBoolean()).isTrue();
        assertThat(status.at("/webhook/url").asText()).isEqualTo(base + "/webhooks/heygen");
        assertThat(status.at("/webhook/deliveriesReceived").asLong()).isEqualTo(VIDEOS);
        assertThat(status.at("/webhook/lastReceivedAt").asText()).isNotBlank();
        assertThat(status.at("/statusCalls/bulk").asLong()).as("nothing polled").isZero();
        assertThat(status.at("/statusCalls/single").asLong()).as("one fresh status per webhook").isEqualTo(VIDEOS);
        assertThat(status.at("/overdue/count").asLong()).isZero();
        assertThat(fixture.count("SELECT count(*) FROM renderer_webhooks")).as("the secret is kept (sealed)").isEqualTo(1);
    }

    @Test
    void hybridModeFinishesEveryVideoEvenWhenThirtyPercentOfWebhooksAreLost() {
        simulator.useFaults(SimulatorFaults.none().withSeed(6).withLostWebhooks(0.3));
        URI base = start("hybrid", Map.of());

        List<String> ids = fixture.requestVideos(base, VIDEOS, "Hybrid");
        TrackingFixture.await("every video READY", () -> fixture.countIn(ids, "READY") == VIDEOS);

        JsonNode status = fixture.status(base);
        LOG.info("hybrid with lost webhooks: {}", status);
        long delivered = status.at("/webhook/deliveriesReceived").asLong();
        assertThat(delivered).as("some webhooks were lost").isLessThan(VIDEOS);
        assertThat(status.at("/statusCalls/bulk").asLong()).as("the lost ones were polled").isPositive();
        assertThat(simulator.rendersStarted()).isEqualTo(VIDEOS);
        assertThat(simulator.videoDownloads()).isEqualTo(VIDEOS);
    }

    @Test
    void webhookModeReportsTheRendersWhoseWebhookWasLostAsOverdue() {
        simulator.useFaults(SimulatorFaults.none().withSeed(6).withLostWebhooks(0.3));
        URI base = start("webhook", Map.of());

        List<String> ids = fixture.requestVideos(base, VIDEOS, "Lost");
        TrackingFixture.await("every video READY or overdue", () -> {
            JsonNode status = fixture.status(base);
            return fixture.countIn(ids, "READY") + status.at("/overdue/count").asLong() == VIDEOS;
        });

        JsonNode status = fixture.status(base);
        LOG.info("webhook with lost webhooks: {}", status);
        Set<String> overdue = new HashSet<>();
        status.at("/overdue/videos").forEach(video -> overdue.add(video.get("id").asText()));
        Set<String> stuck = new HashSet<>();
        fixture.statuses(ids).forEach((id, state) -> {
            if (state.equals("RENDERING")) {
                stuck.add(id);
            }
        });
        assertThat(stuck).as("some webhooks were lost").isNotEmpty();
        assertThat(overdue).isEqualTo(stuck);
        assertThat(status.at("/overdue/count").asLong()).isEqualTo(stuck.size());
        assertThat(status.at("/activeVideos/RENDERING").asLong()).isEqualTo(stuck.size());
        assertThat(status.at("/statusCalls/bulk").asLong()).as("webhook mode does not poll").isZero();
        assertThat(status.at("/overdue/videos/0/overdueSince").asText()).isNotBlank();
    }

    private URI start(String mode, Map<String, String> extra) {
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "HEYGEN_PROCESSING_MODE", mode,
                "PUBLIC_BASE_URL", base.toString(),
                "HEYGEN_WEBHOOK_OVERDUE_MS", "4000",
                "HEYGEN_MAX_RENDERS_PER_KEY", Integer.toString(VIDEOS)));
        settings.putAll(extra);
        service = AvatarVideoService.start(Configuration.fromEnvironment(
                fixture.environment(dataDir, port, simulator.baseUrl(), simulator.apiKey(), settings)));
        return base;
    }
}
