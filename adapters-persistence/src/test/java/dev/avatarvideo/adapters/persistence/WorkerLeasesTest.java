package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.RendererAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database, as two sets of leases: a claim is one instance's until it gives it back or its
 * lease lapses; renewing keeps it; a lapsed lease is taken over, and the old holder cannot undo the new one's claim.
 */
class WorkerLeasesTest {

    private static final RendererAccount ACCOUNT = new RendererAccount("acc0acc0acc0");

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private DatabaseForTests fixture;
    private Videos videos;
    private WorkerLeases leasesA;
    private WorkerLeases leasesB;
    private RenderChecks checksA;
    private RenderChecks checksB;
    private IngestQueue ingestA;
    private IngestQueue ingestB;

    @BeforeEach
    void connect() {
        fixture = DatabaseForTests.migrated();
        PostgresDatabase database = fixture.database();
        videos = database.videos();
        leasesA = database.leases(LEASE);
        leasesB = database.leases(LEASE);
        checksA = database.renderChecks(leasesA);
        checksB = database.renderChecks(leasesB);
        ingestA = database.ingestQueue(leasesA);
        ingestB = database.ingestQueue(leasesB);
    }

    @AfterEach
    void disconnect() {
        fixture.database().close();
    }

    @Test
    void aLapsedClaimIsTakenOverAndTheOldHolderCannotUndoIt() {
        AvatarVideo video = rendering();
        Instant due = T0.plusSeconds(30);
        assertThat(checksA.claimDue(due, 10)).hasSize(1);

        assertThat(checksB.claimDue(due.plus(LEASE).minusMillis(1), 10)).as("A's lease runs").isEmpty();
        assertThat(checksB.claimDue(due.plus(LEASE), 10)).as("A died: its lease lapsed").hasSize(1);

        checksA.reschedule(video.id(), T0.plus(Duration.ofHours(1)), true);
        assertThat(checksA.claimDue(due.plus(LEASE), 10)).as("B's claim stands").isEmpty();
        assertThat(leasesA.holding()).isZero();
        assertThat(leasesB.holding()).isEqualTo(1);
    }

    @Test
    void renewingKeepsAClaimPastItsFirstLength() {
        rendering();
        Instant due = T0.plusSeconds(30);
        checksA.claimDue(due, 10);

        assertThat(leasesA.renew(due.plus(LEASE).minusSeconds(1))).isEqualTo(1);

        assertThat(checksB.claimDue(due.plus(LEASE).plusSeconds(10), 10)).as("renewed until due + 59 s").isEmpty();
        assertThat(checksB.claimDue(due.plus(LEASE.multipliedBy(2)), 10)).hasSize(1);
    }

    @Test
    void aClaimGivenBackIsNotRenewed() {
        AvatarVideo video = rendering();
        checksA.claimDue(T0.plusSeconds(30), 10);
        checksA.release(video.id());

        assertThat(leasesA.renew(T0.plusSeconds(40))).isZero();
    }

    @Test
    void instancesClaimingAtOnceNeverShareAVideo() throws Exception {
        List<VideoId> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(ingesting().id());
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<VideoId>> claimA = () -> claimAll(ingestA, start);
        Callable<List<VideoId>> claimB = () -> claimAll(ingestB, start);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<VideoId>> a = threads.submit(claimA);
            Future<List<VideoId>> b = threads.submit(claimB);
            start.countDown();
            List<VideoId> byA = a.get();
            List<VideoId> byB = b.get();

            Set<VideoId> overlap = new HashSet<>(byA);
            overlap.retainAll(byB);
            assertThat(overlap).isEmpty();
            assertThat(byA.size() + byB.size()).isEqualTo(100);
            Set<VideoId> union = new HashSet<>(byA);
            union.addAll(byB);
            assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<VideoId> claimAll(IngestQueue queue, CountDownLatch start) throws InterruptedException {
        start.await();
        List<VideoId> claimed = new ArrayList<>();
        List<AvatarVideo> batch;
        do {
            batch = queue.claimForIngest(T0.plusSeconds(60), 3);
            batch.forEach(video -> claimed.add(video.id()));
        } while (!batch.isEmpty());
        return claimed;
    }

    private AvatarVideo rendering() {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of("acme"), null, List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, T0);
        videos.add(video);
        AvatarVideo rendering = videos.update(video.startRendering(new RenderId("render-" + video.id()), T0));
        checksA.startTracking(video.id(), ACCOUNT, T0, T0.plusSeconds(30));
        return rendering;
    }

    private AvatarVideo ingesting() {
        AvatarVideo video = rendering();
        return videos.update(videos.findById(video.id()).orElseThrow().startIngesting(T0.plusSeconds(1)));
    }
}
