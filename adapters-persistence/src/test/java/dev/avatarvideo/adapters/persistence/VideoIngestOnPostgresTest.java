package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.service.RendererAccess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.InMemoryRendererCallCounts;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage.StorageFailureException;
import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.application.fakes.FakeMediaFactsReader;
import dev.avatarvideo.application.service.CrashSafeStorage;
import dev.avatarvideo.application.service.LessonBundles;
import dev.avatarvideo.application.service.RenderSubmitter;
import dev.avatarvideo.application.service.RenderTracker;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.application.service.WaitingReasons;
import dev.avatarvideo.application.service.UnclaimedObjectSweeper;
import dev.avatarvideo.application.service.VideoIngester;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.domain.RenderId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Video ingest through the unclaimed-objects ledger, on a real PostgreSQL: the same protection topic files get. */
class VideoIngestOnPostgresTest {

    private static final Duration GRACE = Duration.ofMinutes(10);

    private DatabaseForTests fixture;
    private Jdbi raw;
    private Videos videos;
    private final TestClock clock = new TestClock();
    private final InMemoryFileStorage storage = new InMemoryFileStorage(clock);
    private final ScriptedVideoRenderer renderer = new ScriptedVideoRenderer();
    private final InMemoryRendererCallCounts calls = new InMemoryRendererCallCounts(clock.now());
    private VideoIngester ingester;
    private UnclaimedObjectSweeper sweeper;
    private RenderSubmitter submitter;
    private RenderTracker tracker;
    private IngestQueue ingestQueue;

    @BeforeEach
    void connect() {
        fixture = DatabaseForTests.migrated();
        raw = Jdbi.create(fixture.connection().dataSource());
        PostgresDatabase database = fixture.database();
        videos = database.videos();
        CrashSafeStorage files = new CrashSafeStorage(storage, database.unclaimedObjects(), database.transactions(), clock, GRACE);
        WorkerLeases leases = database.leases(Duration.ofMinutes(1));
        RendererCredentials key = new RendererCredentials("key");
        ingestQueue = database.ingestQueue(leases);
        RendererAccess access = new RendererAccess(tenant -> key, credentials -> renderer, database.submittedAccounts(), calls);
        ingester = new VideoIngester(videos, ingestQueue, access, database.transactions(),
                new LessonBundles(files, storage, new FakeMediaFactsReader(storage)), clock,
                failures -> Duration.ofSeconds(30L * failures), 10);
        submitter = new RenderSubmitter(videos, database.submissionQueue(leases), database.renderChecks(leases), database.transactions(),
                access, clock, TrackingPolicy.DEFAULT, new RenderSubmitter.Budget(10, 10), new WaitingReasons(database.videoWaits(), clock));
        tracker = new RenderTracker(videos, database.renderChecks(leases), database.transactions(), access, clock, TrackingPolicy.DEFAULT, 10,
                new WaitingReasons(database.videoWaits(), clock));
        sweeper = new UnclaimedObjectSweeper(database.unclaimedObjects(), storage, database.transactions(), clock, 10);
    }

    @AfterEach
    void disconnect() {
        fixture.database().close();
    }

    @Test
    void aFailedUploadKeepsTheTemporaryAddressAndTheBackOffInTheRowUntilACopySucceeds() {
        AvatarVideo video = rendered();
        storage.failNextStore(new StorageFailureException("bucket unreachable"));

        ingester.ingestPending();

        Map<String, Object> row = row(video.id());
        assertThat(row.get("status")).isEqualTo("INGESTING");
        assertThat((String) row.get("temporary_url")).startsWith("https://renderer.example/");
        assertThat(row.get("next_ingest_at")).isNotNull();
        assertThat(row.get("last_ingest_error")).isEqualTo("bucket unreachable");
        assertThat(ingestQueue.claimForIngest(clock.now(), 10)).as("backing off").isEmpty();
        assertThat(ledgerSize()).isZero();
        assertThat(storage.keys()).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        ingester.ingestPending();

        Map<String, Object> ready = row(video.id());
        assertThat(ready.get("status")).isEqualTo("READY");
        assertThat(ready.get("temporary_url")).isNull();
        assertThat(ready.get("next_ingest_at")).isNull();
        assertThat(storage.keys()).extracting(Object::toString).containsExactly((String) ready.get("file_path"));
        assertThat(ledgerSize()).isZero();
    }

    @Test
    void whenPostgresRefusesTheCommitTheCopyIsRemovedAtOnce() {
        refuseCommitsOfReadyVideos();
        AvatarVideo video = rendered();

        ingester.ingestPending();

        assertThat(videos.findById(video.id()).orElseThrow().status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(storage.keys()).isEmpty();
        assertThat(ledgerSize()).isZero();
    }

    @Test
    void whenTheRemovalFailsTooTheLedgerEntryLetsTheSweeperFinishAfterTheGracePeriod() {
        refuseCommitsOfReadyVideos();
        AvatarVideo video = rendered();
        storage.failDeletes(new StorageFailureException("bucket unreachable"));

        ingester.ingestPending();

        assertThat(storage.keys()).hasSize(1);
        assertThat(ledgerSize()).isEqualTo(1);
        storage.deletesWork();
        assertThat(sweeper.sweepOnce()).isZero();
        clock.advance(GRACE);
        assertThat(sweeper.sweepOnce()).isEqualTo(1);
        assertThat(storage.keys()).isEmpty();
        assertThat(ledgerSize()).isZero();
        assertThat(videos.findById(video.id()).orElseThrow().status()).isEqualTo(VideoStatus.INGESTING);
    }

    @Test
    void workersCopyAtOnceEachClaimingItsOwnVideoAndEveryVideoIsCopiedOnce() throws Exception {
        int workers = 3;
        List<AvatarVideo> rendered = List.of(rendered(), rendered(), rendered(), rendered(), rendered(), rendered());
        CyclicBarrier allCopying = new CyclicBarrier(workers);
        AtomicInteger downloads = new AtomicInteger();
        VideoRenderer waitingForTheOthers = new ForwardingRenderer(renderer) {
            @Override
            public RenderedVideo download(DownloadLink link) {
                if (downloads.incrementAndGet() <= workers) {
                    awaitQuietly(allCopying);
                }
                return super.download(link);
            }
        };
        WorkerLeases leases = fixture.database().leases(Duration.ofMinutes(1));
        CrashSafeStorage files = new CrashSafeStorage(storage, fixture.database().unclaimedObjects(), fixture.database().transactions(), clock, GRACE);
        RendererAccess slowAccess = new RendererAccess(tenant -> new RendererCredentials("key"), credentials -> waitingForTheOthers,
                fixture.database().submittedAccounts(), calls);
        VideoIngester oneAtATime = new VideoIngester(videos, fixture.database().ingestQueue(leases), slowAccess, fixture.database().transactions(),
                new LessonBundles(files, storage, new FakeMediaFactsReader(storage)), clock, failures -> Duration.ofSeconds(30), 1);
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Integer>> loops = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                loops.add(threads.submit(() -> {
                    int copied = 0;
                    while (oneAtATime.ingestPending() > 0) {
                        copied++;
                    }
                    return copied;
                }));
            }
            int copied = 0;
            for (Future<Integer> loop : loops) {
                copied += loop.get(60, TimeUnit.SECONDS);
            }

            assertThat(copied).as("the first %d copies were under way together (else the barrier breaks)", workers).isEqualTo(rendered.size());
        } finally {
            threads.shutdownNow();
        }
        assertThat(allCopying.isBroken()).isFalse();
        assertThat(rendered).allSatisfy(video -> assertThat(row(video.id()).get("status")).isEqualTo("READY"));
        assertThat(storage.keys()).as("one copy per video").hasSize(rendered.size());
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the copies did not run at once", e);
        }
    }

    /** Passes everything on to the renderer it wraps. */
    private static class ForwardingRenderer implements VideoRenderer {

        private final VideoRenderer renderer;

        ForwardingRenderer(VideoRenderer renderer) {
            this.renderer = renderer;
        }

        @Override
        public SubmitOutcome submit(AvatarVideo video) {
            return renderer.submit(video);
        }

        @Override
        public RenderStatus status(RenderId renderId) {
            return renderer.status(renderId);
        }

        @Override
        public Map<RenderId, RenderStatus> statuses(List<RenderId> renderIds) {
            return renderer.statuses(renderIds);
        }

        @Override
        public int statusBatchLimit() {
            return renderer.statusBatchLimit();
        }

        @Override
        public RenderedVideo download(DownloadLink link) {
            return renderer.download(link);
        }
    }

    private AvatarVideo rendered() {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of("ingest"), "Lesson", List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, clock.now());
        videos.add(video);
        submitter.submitQueued();
        renderer.completeRender(video.id());
        clock.advance(TrackingPolicy.DEFAULT.firstCheck());
        tracker.trackOnce();
        return videos.findById(video.id()).orElseThrow();
    }

    /** A deferred trigger: every statement succeeds, and PostgreSQL refuses the COMMIT itself. */
    private void refuseCommitsOfReadyVideos() {
        raw.useHandle(h -> h.execute("""
                CREATE FUNCTION test_refuse_ready() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.status = 'READY' THEN RAISE EXCEPTION 'injected: commit refused'; END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER avatar_videos_refuse_ready AFTER UPDATE ON avatar_videos DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION test_refuse_ready();"""));
    }

    private Map<String, Object> row(VideoId id) {
        return raw.withHandle(h -> h.createQuery("SELECT * FROM avatar_videos WHERE id = :id").bind("id", id.value()).mapToMap().one());
    }

    private int ledgerSize() {
        return raw.withHandle(h -> h.createQuery("SELECT count(*) FROM unclaimed_objects").mapTo(Integer.class).one());
    }
}
