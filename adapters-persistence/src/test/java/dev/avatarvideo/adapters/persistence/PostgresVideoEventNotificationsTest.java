package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.video.WatchVideoStatus.Opened;
import dev.avatarvideo.application.port.in.video.WatchVideoStatus.StatusWatch;
import dev.avatarvideo.application.port.in.video.WatchVideoStatusQuery;
import dev.avatarvideo.application.service.LiveVideoStatus;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live status across instances through LISTEN/NOTIFY: two {@link PostgresDatabase}s on one database stand for two
 * instances; changes saved through one reach a watcher on the other.
 */
class PostgresVideoEventNotificationsTest {

    private static final TenantId TENANT = TenantId.of("live");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private DatabaseForTests fixture;
    private PostgresDatabase watching;
    private PostgresDatabase writing;
    private LiveVideoStatus live;
    private final AtomicInteger wakeUps = new AtomicInteger();

    @BeforeEach
    void start() {
        fixture = DatabaseForTests.migrated();
        watching = fixture.database();
        writing = PostgresDatabase.connect(new DatabaseSettings(fixture.connection().jdbcUrl(), fixture.connection().user(),
                fixture.connection().password(), 2));
        live = new LiveVideoStatus(watching.videos(), watching.videoEvents(), new InMemoryFileStorage(new TestClock()), 100);
        live.listenTo(wakeUp -> watching.videoEventNotifications(Duration.ofMillis(100), Duration.ofSeconds(1)).onNewEvents(() -> {
            wakeUps.incrementAndGet();
            wakeUp.run();
        }));
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
        writing.close();
        watching.close();
    }

    @Test
    void aChangeCommittedThroughAnotherInstanceReachesTheWatcher() throws Exception {
        AvatarVideo video = request();
        writing.videos().add(video);
        try (StatusWatch watch = watch(video.id())) {
            assertThat(watch.next(PATIENCE).map(VideoEvent::status)).contains(VideoStatus.QUEUED);

            writing.videos().update(video.startRendering(new RenderId("r-" + video.id()), Instant.now()));

            assertThat(watch.next(PATIENCE).map(VideoEvent::status)).contains(VideoStatus.RENDERING);
        }
    }

    @Test
    void aChangeThatRollsBackIsNeverHandedOut() throws Exception {
        AvatarVideo video = request();
        writing.videos().add(video);
        try (StatusWatch watch = watch(video.id())) {
            assertThat(watch.next(PATIENCE)).isPresent();

            assertThatThrownBy(() -> writing.transactions().inTransaction(() -> {
                writing.videos().update(video.startRendering(new RenderId("r-" + video.id()), Instant.now()));
                throw new IllegalStateException("refused");
            }));
            writing.videos().update(video.fail(new VideoFailure("cancelled", "stopped by the test"), Instant.now()));

            assertThat(watch.next(PATIENCE).map(VideoEvent::status)).as("the next event is the committed one").contains(VideoStatus.FAILED);
            assertThat(watch.next(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void afterLosingItsConnectionTheListenerReconnectsAndCatchesUpOnWhatHappenedMeanwhile() throws Exception {
        AvatarVideo video = request();
        writing.videos().add(video);
        try (StatusWatch watch = watch(video.id())) {
            assertThat(watch.next(PATIENCE)).isPresent();
            Jdbi admin = Jdbi.create(fixture.connection().dataSource());
            // The first event may come from the catch-up read, before the listener's connection is open (a loaded machine).
            int listenerBefore = listenerOpened(admin);
            int wakeUpsBefore = wakeUps.get();

            admin.useHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", listenerBefore).mapTo(Boolean.class).one());
            // Committed while no one listens: only catching up after the reconnect can deliver it.
            writing.videos().update(video.startRendering(new RenderId("r-" + video.id()), Instant.now()));

            assertThat(watch.next(PATIENCE).map(VideoEvent::status)).contains(VideoStatus.RENDERING);
            assertThat(listenerPid(admin)).hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(listenerBefore));
            assertThat(wakeUps.get()).isGreaterThan(wakeUpsBefore);
        }
    }

    private StatusWatch watch(VideoId id) {
        return ((Opened.Watching) live.watch(new WatchVideoStatusQuery(TENANT, List.of(id), OptionalLong.empty()))).watch();
    }

    private static int listenerOpened(Jdbi admin) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        Optional<Integer> pid = listenerPid(admin);
        while (pid.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            pid = listenerPid(admin);
        }
        return pid.orElseThrow(() -> new AssertionError("the listener opened no connection within " + PATIENCE));
    }

    private static Optional<Integer> listenerPid(Jdbi admin) {
        return admin.withHandle(h -> h.createQuery("SELECT pid FROM pg_stat_activity WHERE application_name = :name AND datname = current_database()")
                .bind("name", PostgresVideoEventNotifications.APPLICATION_NAME)
                .mapTo(Integer.class)
                .findFirst());
    }

    private static AvatarVideo request() {
        return AvatarVideo.request(VideoId.newId(), TENANT, "live", List.of(new Scene("a", "v", "s")), Resolution.P720, AspectRatio.SQUARE,
                Instant.now().minusSeconds(1));
    }

}
