package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.adapters.heygen.HeyGenSettings;
import dev.avatarvideo.adapters.heygen.HeyGenVideoRenderers;
import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.adapters.persistence.WorkerLeases;
import dev.avatarvideo.adapters.storage.Mp4MediaFactsReader;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.service.CrashSafeStorage;
import dev.avatarvideo.application.service.LessonBundles;
import dev.avatarvideo.application.service.RenderSubmitter;
import dev.avatarvideo.application.service.RenderTracker;
import dev.avatarvideo.application.service.RendererAccess;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.application.service.UnclaimedObjectSweeper;
import dev.avatarvideo.application.service.VideoIngester;
import dev.avatarvideo.application.service.WaitingReasons;
import dev.avatarvideo.bootstrap.InjectedBundleFaults.Fault;
import dev.avatarvideo.bootstrap.InjectedBundleFaults.Part;
import dev.avatarvideo.bootstrap.SaveTopicFaultInjectionContract.StorageUnderTest;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, acceptance 3, in process: lessons with sidecar captions copied by the real {@link VideoIngester} and
 * {@link LessonBundles} from the HeyGen simulator (through the real HeyGen adapter) into a real storage provider, on a
 * real PostgreSQL, each copy failing at one part — its ledger entry, its upload refused, its content broken off
 * halfway, its claim at the save — or at the commit of READY itself (PostgreSQL refusing it from a deferred trigger);
 * in some runs the immediate clean-up fails too. Every fault at every part is run under each of several seeds, plus
 * random extra runs. After every run: no dangling reference (each file a video records exists) and no object that
 * neither a video records nor the ledger lists; then the copy, tried again, makes the video READY with all its parts.
 * After the sweeper's grace, storage holds exactly the files READY videos record.
 */
abstract class LessonBundleFaultInjectionContract {

    private static final Logger LOG = LoggerFactory.getLogger(LessonBundleFaultInjectionContract.class);
    private static final List<Long> SEEDS = List.of(Long.getLong("faultInjection.seed", 20_261_206L), 7L, 1_234_567L);
    private static final int EXTRA_RANDOM_RUNS_PER_SEED = 6;
    private static final TenantId TENANT = TenantId.of("bundles");
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    protected abstract StorageUnderTest newStorage(Path directory);

    @TempDir
    Path directory;

    private PostgresDatabase database;
    private Jdbi raw;
    private HeyGenSimulator simulator;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = now::get;

    @BeforeEach
    void connect() {
        TestPostgres.Database connection = TestPostgres.freshDatabase();
        database = PostgresDatabase.connect(new DatabaseSettings(connection.jdbcUrl(), connection.user(), connection.password(), 4));
        raw = Jdbi.create(connection.dataSource());
        // PostgreSQL itself refuses the commit of a READY video while the switch table holds a row: the trigger runs at COMMIT.
        raw.useHandle(h -> h.execute("""
                CREATE TABLE test_refuse_ready (refuse boolean);
                CREATE FUNCTION test_refuse_ready() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.status = 'READY' AND EXISTS (SELECT 1 FROM test_refuse_ready) THEN
                        RAISE EXCEPTION 'injected: the database refused the commit';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER avatar_videos_refuse_ready AFTER UPDATE ON avatar_videos DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION test_refuse_ready();"""));
        simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofMillis(50)));
    }

    @AfterEach
    void disconnect() {
        simulator.close();
        database.close();
    }

    /** The real ingest path with the faults wrapped around storage and ledger, and what drives a video up to it. */
    private record Harness(VideoIngester ingester, RenderSubmitter submitter, RenderTracker tracker) {
    }

    private Harness harness(InjectedBundleFaults faults, FileStorage real) {
        FileStorage storage = faults.storage(real);
        CrashSafeStorage crashSafe = new CrashSafeStorage(storage, faults.ledger(database.unclaimedObjects()), database.transactions(), clock, GRACE);
        WorkerLeases leases = database.leases(Duration.ofMinutes(1));
        RendererCredentials key = new RendererCredentials(simulator.apiKey());
        RendererAccess access = new RendererAccess(tenant -> key, new HeyGenVideoRenderers(HeyGenSettings.of(simulator.baseUrl(), simulator.apiKey())),
                database.submittedAccounts(), database.rendererCallCounts());
        WaitingReasons waiting = new WaitingReasons(database.videoWaits(), clock);
        // Media facts are read from the real storage: reading is not what is being failed here.
        VideoIngester ingester = new VideoIngester(database.videos(), database.ingestQueue(leases), access, database.transactions(),
                new LessonBundles(crashSafe, storage, new Mp4MediaFactsReader(real)), clock, failures -> RETRY_DELAY, 1);
        RenderSubmitter submitter = new RenderSubmitter(database.videos(), database.submissionQueue(leases), database.renderChecks(leases),
                database.transactions(), access, clock, TrackingPolicy.DEFAULT, new RenderSubmitter.Budget(10, 10), waiting);
        RenderTracker tracker = new RenderTracker(database.videos(), database.renderChecks(leases), database.transactions(), access, clock,
                TrackingPolicy.DEFAULT, 10, waiting);
        return new Harness(ingester, submitter, tracker);
    }

    @Test
    void everyPartFailingInEveryWayUnderSeveralSeedsLeavesNoOrphanAndNoDanglingReference() throws Exception {
        StorageUnderTest underTest = newStorage(directory);
        InjectedBundleFaults faults = new InjectedBundleFaults();
        Harness harness = harness(faults, underTest.storage());
        Map<Fault, int[]> runsPerFault = new EnumMap<>(Fault.class);
        List<VideoId> ready = new ArrayList<>();
        int runs = 0;
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            for (Run run : runsOf(random)) {
                VideoId id = rendered(harness, "seed " + seed + " run " + runs);
                runOnce(harness, faults, underTest, run, id, "seed " + seed + ", run " + runs + " (" + run + ")");
                runsPerFault.computeIfAbsent(run.fault(), f -> new int[1])[0]++;
                ready.add(id);
                runs++;
            }
        }

        Set<StorageKey> orphans = new HashSet<>(underTest.keys());
        orphans.removeAll(recordedKeys(ready));
        LOG.info("bundle fault injection on {}: {} runs over seeds {} ({} per seed: every fault at every part, plus {} random); runs per fault {};"
                        + " {} files recorded, {} orphans left to the sweeper", underTest.storage().providerName(), runs, SEEDS, runs / SEEDS.size(),
                EXTRA_RANDOM_RUNS_PER_SEED, runsPerFault.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0]).collect(Collectors.joining(", ")),
                recordedKeys(ready).size(), orphans.size());
        assertThat(ledgerKeys()).as("every orphan is in the ledger, so the sweeper will find it").containsAll(orphans);

        UnclaimedObjectSweeper sweeper = new UnclaimedObjectSweeper(database.unclaimedObjects(), underTest.storage(), database.transactions(), clock, 25);
        now.set(now.get().plus(GRACE).plusSeconds(1));
        while (sweeper.sweepOnce() > 0) {
            LOG.debug("swept a batch");
        }

        assertThat(underTest.keys()).as("storage holds exactly the files READY videos record").containsExactlyInAnyOrderElementsOf(recordedKeys(ready));
        assertThat(storedFileRows()).as("every stored_files row belongs to a video").containsExactlyInAnyOrderElementsOf(recordedKeys(ready));
        assertThat(ledgerKeys()).isEmpty();
        assertThat(recordedKeys(ready)).hasSize(ready.size() * Part.values().length);
    }

    /** One copy attempt with its fault, then the retry that must succeed; the invariants after each. */
    private void runOnce(Harness harness, InjectedBundleFaults faults, StorageUnderTest underTest, Run run, VideoId id, String name) {
        faults.arm(run.fault(), run.part(), run.deletesFail());
        if (run.fault() == Fault.COMMIT_REFUSED) {
            raw.useHandle(h -> h.execute("INSERT INTO test_refuse_ready VALUES (true)"));
        }
        harness.ingester().ingestPending();
        if (run.fault() == Fault.COMMIT_REFUSED) {
            raw.useHandle(h -> h.execute("DELETE FROM test_refuse_ready"));
        }
        boolean fired = faults.fired();
        faults.disarm();

        // The refused commit is PostgreSQL's: that it fired shows in the video not being READY, asserted next.
        assertThat(fired || run.fault() == Fault.NONE || run.fault() == Fault.COMMIT_REFUSED).as("%s: the fault fired", name).isTrue();
        assertThat(status(id)).as("%s: READY exactly when nothing failed", name)
                .isEqualTo(run.fault() == Fault.NONE ? VideoStatus.READY : VideoStatus.INGESTING);
        assertInvariants(underTest, name + ", after the fault");

        if (run.fault() != Fault.NONE) {
            now.set(now.get().plus(RETRY_DELAY).plusMillis(1));
            harness.ingester().ingestPending();
        }
        AvatarVideo video = database.videos().findById(id).orElseThrow();
        assertThat(video.status()).as("%s: READY after the retry", name).isEqualTo(VideoStatus.READY);
        assertThat(video.parts().captionsSrt()).as("%s: SRT", name).isPresent();
        assertThat(video.parts().captionsVtt()).as("%s: WebVTT", name).isPresent();
        assertThat(video.parts().poster()).as("%s: poster", name).isPresent();
        assertThat(video.parts().preview()).as("%s: preview", name).isPresent();
        assertThat(video.parts().media()).as("%s: media facts", name).isPresent();
        assertThat(video.storedKeys()).extracting(Part::of).containsExactlyInAnyOrder(Part.values());
        assertInvariants(underTest, name + ", after the retry");
    }

    /**
     * No dangling reference: every file a video or a stored_files row records exists. No lost object: each object in
     * storage is recorded by a video, or in the ledger for the sweeper.
     */
    private void assertInvariants(StorageUnderTest underTest, String name) {
        Set<StorageKey> inStorage = underTest.keys();
        Set<StorageKey> recorded = recordedKeys(allVideoIds());
        assertThat(inStorage).as("%s: every recorded file exists", name).containsAll(recorded).containsAll(storedFileRows());
        Set<StorageKey> unrecorded = new HashSet<>(inStorage);
        unrecorded.removeAll(recorded);
        assertThat(ledgerKeys()).as("%s: every unrecorded object is the sweeper's to remove", name).containsAll(unrecorded);
    }

    /** A lesson with sidecar captions, requested, submitted to the simulator and rendered there: ready to be copied. */
    private VideoId rendered(Harness harness, String title) throws InterruptedException {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TENANT, title, List.of(
                        new Scene("sim-avatar-anna", "sim-voice-en-1", LessonBundleEndToEndTest.SCRIPTS.get(0)),
                        new Scene("sim-avatar-anna", "sim-voice-en-1", LessonBundleEndToEndTest.SCRIPTS.get(1))),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, CaptionChoice.SIDECAR, now.get());
        database.videos().add(video);
        harness.submitter().submitQueued();
        for (int attempt = 0; attempt < 200 && status(video.id()) != VideoStatus.INGESTING; attempt++) {
            Thread.sleep(25);
            now.set(now.get().plus(TrackingPolicy.DEFAULT.maxInterval()));
            harness.tracker().trackOnce();
        }
        assertThat(status(video.id())).as("%s: rendered", title).isEqualTo(VideoStatus.INGESTING);
        return video.id();
    }

    /** Every fault at every part (the commit once), in an order the seed shuffles, plus random extra runs. */
    private static List<Run> runsOf(Random random) {
        List<Run> runs = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            for (Part part : fault.perPart() ? List.of(Part.values()) : java.util.Collections.singletonList((Part) null)) {
                runs.add(new Run(fault, part, fault != Fault.NONE && random.nextInt(10) < 3));
            }
        }
        for (int i = 0; i < EXTRA_RANDOM_RUNS_PER_SEED; i++) {
            Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
            runs.add(new Run(fault, fault.perPart() ? Part.values()[random.nextInt(Part.values().length)] : null,
                    fault != Fault.NONE && random.nextBoolean()));
        }
        java.util.Collections.shuffle(runs, random);
        return runs;
    }

    private record Run(Fault fault, Part part, boolean deletesFail) {

        @Override
        public String toString() {
            return fault + (part == null ? "" : " at " + part) + (deletesFail ? ", clean-up fails" : "");
        }
    }

    private VideoStatus status(VideoId id) {
        return database.videos().findById(id).orElseThrow().status();
    }

    private List<VideoId> allVideoIds() {
        return raw.withHandle(h -> h.createQuery("SELECT id FROM avatar_videos").mapTo(java.util.UUID.class).list())
                .stream().map(uuid -> VideoId.parse(uuid.toString())).toList();
    }

    /** The files the videos record, file and parts, as the domain reads them back from the database. */
    private Set<StorageKey> recordedKeys(List<VideoId> ids) {
        Set<StorageKey> keys = new HashSet<>();
        for (VideoId id : ids) {
            keys.addAll(database.videos().findById(id).orElseThrow().storedKeys());
        }
        return keys;
    }

    private Set<StorageKey> storedFileRows() {
        return raw.withHandle(h -> h.createQuery("SELECT storage_path FROM stored_files").mapTo(String.class).list())
                .stream().map(StorageKey::new).collect(Collectors.toSet());
    }

    private Set<StorageKey> ledgerKeys() {
        return raw.withHandle(h -> h.createQuery("SELECT storage_path FROM unclaimed_objects").mapTo(String.class).list())
                .stream().map(StorageKey::new).collect(Collectors.toSet());
    }
}
