package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance 4 (ingest): two instances of the service on one database and one storage directory share 100 videos.
 * Each video is submitted once, rendered once, downloaded once and stored once; and together the instances never have
 * more renders in progress on the key than its budget, which the simulator enforces with 429s (none happen, so there
 * are exactly 100 creation requests).
 */
class TwoInstancesEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(TwoInstancesEndToEndTest.class);
    private static final int VIDEOS = 100;
    private static final int BUDGET = 10;

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(1000)));
    private final List<AvatarVideoService> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(AvatarVideoService::close);
        simulator.close();
    }

    @Test
    void everyVideoIsSubmittedOnceAndIngestedOnceByOneOfTheInstances() {
        simulator.useFaults(SimulatorFaults.none().withConcurrencyLimitPerKey(BUDGET));
        URI first = start();
        URI second = start();

        Instant begun = Instant.now();
        List<String> ids = new ArrayList<>(fixture.requestVideos(first, VIDEOS / 2, "First"));
        ids.addAll(fixture.requestVideos(second, VIDEOS / 2, "Second"));
        TrackingFixture.await("all " + VIDEOS + " videos READY", () -> fixture.countIn(ids, "READY") == VIDEOS);
        LOG.info("{} videos through two instances in {} s; status: {}", VIDEOS, Duration.between(begun, Instant.now()).toSeconds(),
                fixture.status(second));

        assertThat(simulator.rendersStarted()).as("renders started").isEqualTo(VIDEOS);
        assertThat(simulator.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v3/videos")))
                .as("creation requests: each video sent once, none refused for exceeding the key's budget").hasSize(VIDEOS);
        assertThat(simulator.videoDownloads()).as("downloads").isEqualTo(VIDEOS);
        // Each lesson keeps its video, the poster and the animated preview (no captions were asked for).
        assertThat(TrackingFixture.storedObjects(dataDir)).as("stored objects").isEqualTo(3L * VIDEOS);
        assertThat(fixture.count("SELECT count(*) FROM stored_files")).isEqualTo(3L * VIDEOS);
        assertThat(fixture.count("SELECT count(*) FROM lesson_parts WHERE poster_path IS NOT NULL AND preview_path IS NOT NULL"))
                .as("every video with its poster and preview").isEqualTo(VIDEOS);
        assertThat(fixture.count("SELECT count(*) FROM unclaimed_objects")).as("no upload left unclaimed").isZero();
        assertThat(fixture.count("SELECT count(DISTINCT render_id) FROM avatar_videos")).isEqualTo(VIDEOS);
        assertThat(fixture.status(first).at("/statusCalls/single").asLong()).as("counted across both instances").isEqualTo(VIDEOS);
        assertThat(fixture.status(second).at("/activeVideos/QUEUED").asLong()).isZero();
    }

    private URI start() {
        int port = TrackingFixture.freePort();
        AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(fixture.environment(dataDir, port,
                simulator.baseUrl(), simulator.apiKey(), Map.of("HEYGEN_MAX_RENDERS_PER_KEY", Integer.toString(BUDGET)))));
        instances.add(service);
        return service.baseUrl();
    }
}
