package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.client.AvatarVideoClient;
import dev.avatarvideo.client.Scene;
import dev.avatarvideo.client.StatusTracker;
import dev.avatarvideo.client.StatusUpdate;
import dev.avatarvideo.client.TrackerSettings;
import dev.avatarvideo.client.Tracking;
import dev.avatarvideo.client.TrackingMode;
import dev.avatarvideo.client.VideoRequest;
import dev.avatarvideo.client.VideoStatus;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.testsupport.CuttingProxy;
import dev.avatarvideo.testsupport.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, acceptance 3: five videos followed through the client in AUTO mode. After the third completes, the live
 * status stream is cut for real (a proxy closes both its sockets and refuses new streams): every completion still
 * arrives exactly once, the last ones by polling, and the stream comes back when it can.
 *
 * <p>The service runs with the real wiring; its renders never finish by themselves (the simulator takes an hour), so
 * the test finishes them when it chooses, through the Videos port of a second connection to the same database, as
 * another instance would.
 */
class StatusTrackerAutoModeAcceptanceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private AvatarVideoService service;
    private PostgresDatabase operator;
    private CuttingProxy proxy;
    private AvatarVideoClient client;
    private StatusTracker tracker;
    private final Map<String, List<StatusUpdate>> heard = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                "DATA_DIR", dataDir.toString(),
                "PORT", "0",
                "DATABASE_URL", database.jdbcUrl(),
                "DATABASE_USER", database.user(),
                "DATABASE_PASSWORD", database.password(),
                "SIMULATOR_RENDER_MS", "3600000",
                "HEYGEN_POLL_INTERVAL_MS", "3600000",
                "HEYGEN_POLL_MAX_INTERVAL_MS", "3600000",
                "SSE_KEEP_ALIVE_MS", "500")));
        operator = PostgresDatabase.connect(new DatabaseSettings(database.jdbcUrl(), database.user(), database.password(), 2));
        proxy = LiveStatusStreams.cuttableProxyTo(service.baseUrl());
        AvatarVideoClient client = AvatarVideoClient.builder(proxy.uri()).apiKey(ApiKeyFiles.defaultKey(dataDir)).build();
        tracker = client.statusTracker(TrackerSettings.defaults(TrackingMode.AUTO)
                .withPollInterval(Duration.ofMillis(300))
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withStreamIdleTimeout(Duration.ofSeconds(10)));
        this.client = client;
    }

    @AfterEach
    void stop() throws Exception {
        tracker.close();
        proxy.close();
        operator.close();
        service.close();
    }

    @Test
    void fiveCompletionsArriveExactlyOnceThroughACutStreamAndTheStreamComesBack() throws Exception {
        List<String> ids = new ArrayList<>();
        List<Tracking> trackings = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = client.createVideo(VideoRequest.of("Lesson " + i, new Scene("sim-avatar-anna", "sim-voice-en-1", "Part " + i))).id();
            ids.add(id);
            trackings.add(tracker.track(id, record(id)));
        }
        await("the tracker streams", () -> tracker.transport() == StatusTracker.Transport.STREAMING);
        for (String id : ids) {
            awaitRendering(id);
        }

        for (int i = 0; i < 3; i++) {
            finish(ids.get(i), true);
            assertThat(trackings.get(i).terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).source()).isEqualTo(StatusUpdate.Source.STREAM);
        }

        proxy.cutStreams();
        assertThat(proxy.streamsCut()).isGreaterThanOrEqualTo(1);
        await("the tracker falls back to polling", () -> tracker.transport() == StatusTracker.Transport.POLLING);
        finish(ids.get(3), true);
        finish(ids.get(4), false);

        StatusUpdate fourth = trackings.get(3).terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        StatusUpdate fifth = trackings.get(4).terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(fourth.status()).isEqualTo(VideoStatus.READY);
        assertThat(fourth.source()).isEqualTo(StatusUpdate.Source.POLL);
        assertThat(fourth.storedFile()).isPresent();
        assertThat(fifth.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(fifth.source()).isEqualTo(StatusUpdate.Source.POLL);
        assertThat(fifth.failure().orElseThrow().code()).isEqualTo("cancelled_by_test");
        assertThat(proxy.streamsRefused()).as("the tracker kept trying to stream").isGreaterThanOrEqualTo(1);

        // A sixth video, tracked while the stream is still refused, is followed by polling up to INGESTING...
        String sixth = client.createVideo(VideoRequest.of("Lesson 6", new Scene("sim-avatar-anna", "sim-voice-en-1", "Back"))).id();
        ids.add(sixth);
        Tracking sixthTracking = tracker.track(sixth, record(sixth));
        awaitRendering(sixth);
        change(sixth, video -> video.startIngesting(now()));
        await("polling reports the sixth ingesting", () -> heard.get(sixth).stream().anyMatch(u -> u.status() == VideoStatus.INGESTING));
        assertThat(heard.get(sixth)).extracting(StatusUpdate::source).containsOnly(StatusUpdate.Source.POLL);

        // ...then the stream comes back, resuming after the last event it carried: it replays the sixth's history,
        // which polling has already reported, and carries its completion.
        proxy.allowStreams();
        await("the stream comes back", () -> tracker.transport() == StatusTracker.Transport.STREAMING);
        int streamsBefore = proxy.streamsOpened();
        finish(sixth, true);
        assertThat(sixthTracking.terminal().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).source()).isEqualTo(StatusUpdate.Source.STREAM);
        assertThat(proxy.streamsOpened()).isEqualTo(streamsBefore);

        for (String id : ids) {
            List<StatusUpdate> updates = heard.get(id);
            assertThat(updates.stream().filter(StatusUpdate::isTerminal)).as("terminal updates of %s", id).hasSize(1);
            assertThat(updates.getLast().isTerminal()).isTrue();
            assertThat(updates).extracting(StatusUpdate::status).doesNotHaveDuplicates()
                    .isSortedAccordingTo((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
        }
        assertThat(tracker.activeCount()).isZero();
    }

    private dev.avatarvideo.client.StatusListener record(String id) {
        List<StatusUpdate> updates = Collections.synchronizedList(new ArrayList<>());
        heard.put(id, updates);
        return updates::add;
    }

    /** The service has submitted it to the (hour-long) simulated render. */
    private void awaitRendering(String id) throws InterruptedException {
        await("video " + id + " is rendering", () -> operator.videos().findById(VideoId.parse(id)).orElseThrow().status()
                == dev.avatarvideo.domain.VideoStatus.RENDERING);
    }

    /** Moves a rendering video to READY (with a file) or FAILED, as an ingest on another instance would. */
    private void finish(String id, boolean ready) {
        change(id, video -> video.status() == dev.avatarvideo.domain.VideoStatus.INGESTING ? video : video.startIngesting(now()));
        change(id, video -> ready
                ? video.markReady(new StoredFile(URI.create("http://localhost/unused"), "lesson.mp4", 1234, "video/mp4",
                        StorageKey.newFor(video.tenantId(), "lesson.mp4"), now(), "sha256:" + "ab".repeat(32), "filesystem"), now())
                : video.fail(new VideoFailure("cancelled_by_test", "stopped by the acceptance test"), now()));
    }

    private void change(String id, UnaryOperator<AvatarVideo> change) {
        for (int attempt = 0; ; attempt++) {
            try {
                operator.videos().update(change.apply(operator.videos().findById(VideoId.parse(id)).orElseThrow()));
                return;
            } catch (ConcurrentUpdateException e) {
                if (attempt > 20) {
                    throw e;
                }
            }
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
