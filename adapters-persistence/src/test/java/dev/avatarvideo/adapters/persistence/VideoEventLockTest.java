package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.RendererAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.video.VideoEvents;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lock that orders event ids must never be held while a transaction still waits for other locks. A transaction that
 * changes one video's status and then touches another video's row waits for whoever holds that row; if that one is
 * changing the other video's status and waits for the lock, neither can go on. Taken when the status changes, the
 * lock would make that a deadlock (PostgreSQL would fail one of the two); taken at commit, the second commits first.
 */
class VideoEventLockTest {

    private static final RendererAccount ACCOUNT = new RendererAccount("acc0acc0acc0");

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static DatabaseForTests fixture;

    @BeforeAll
    static void connect() {
        fixture = DatabaseForTests.migrated();
    }

    @AfterAll
    static void disconnect() {
        fixture.database().close();
    }

    @Test
    void aTransactionThatChangesAStatusAndThenWaitsForAnotherVideosRowDoesNotDeadlockWithThatRowsStatusChange() throws Exception {
        PostgresDatabase database = fixture.database();
        Videos videos = database.videos();
        RenderChecks checks = database.renderChecks(database.leases(Duration.ofMinutes(1)));
        Transactions transactions = database.transactions();
        VideoEvents events = database.videoEvents();
        TenantId tenant = TenantId.of("locks");
        AvatarVideo first = video(tenant);
        AvatarVideo second = video(tenant);
        videos.add(first);
        videos.add(second);
        CountDownLatch firstChanged = new CountDownLatch(1);
        CountDownLatch touchSecondNow = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);

        CompletableFuture<Void> changeFirstThenTouchSecond = CompletableFuture.runAsync(() -> transactions.inTransaction(() -> {
            videos.update(first.startRendering(new RenderId("render-" + first.id()), T0.plusSeconds(1)));
            firstChanged.countDown();
            await(touchSecondNow);
            checks.startTracking(second.id(), ACCOUNT, T0.plusSeconds(1), T0.plusSeconds(30));
        }), threads);
        await(firstChanged);
        CompletableFuture<AvatarVideo> changeSecond = CompletableFuture.supplyAsync(() ->
                videos.update(second.startRendering(new RenderId("render-" + second.id()), T0.plusSeconds(2))), threads);
        try {
            awaitDoneOrWaitingForALock(changeSecond);
        } finally {
            touchSecondNow.countDown();
        }

        try {
            changeSecond.get(60, TimeUnit.SECONDS);
            changeFirstThenTouchSecond.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        List<VideoEvent> rendering = events.ofVideosAfter(tenant, List.of(first.id(), second.id()), 0, 10).stream()
                .filter(event -> event.status() == VideoStatus.RENDERING).toList();
        assertThat(rendering).extracting(VideoEvent::videoId).containsExactlyInAnyOrder(first.id(), second.id());
    }

    /** Until the change either committed or sits waiting for a lock another transaction holds. */
    private static void awaitDoneOrWaitingForALock(CompletableFuture<?> change) throws InterruptedException {
        Jdbi raw = Jdbi.create(fixture.connection().dataSource());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!change.isDone()) {
            boolean waiting = raw.withHandle(handle -> handle.createQuery("""
                            SELECT count(*) > 0 FROM pg_stat_activity
                             WHERE datname = current_database() AND wait_event_type = 'Lock'""")
                    .mapTo(Boolean.class).one());
            if (waiting) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the change neither finished nor waited for a lock");
            }
            Thread.sleep(20);
        }
    }

    private static AvatarVideo video(TenantId tenant) {
        return AvatarVideo.request(VideoId.newId(), tenant, null, List.of(new Scene("a", "v", "s")), Resolution.P720, AspectRatio.SQUARE, T0);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the other transaction never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
