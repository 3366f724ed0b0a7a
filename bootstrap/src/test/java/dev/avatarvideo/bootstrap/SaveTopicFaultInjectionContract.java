package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.ContentFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.IncomingFile;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.VideoFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand;
import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.application.service.CrashSafeStorage;
import dev.avatarvideo.application.service.RendererIdCheck;
import dev.avatarvideo.application.service.TopicLimits;
import dev.avatarvideo.application.service.TopicSaver;
import dev.avatarvideo.application.service.UnclaimedObjectSweeper;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.testsupport.TestPostgres;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Saves 200 randomized topics on a real PostgreSQL and a real storage provider, each with a database failure injected
 * at a randomly chosen step of the save (or none): before the upload, while it streams, after it, when saving each
 * record, at the commit itself (PostgreSQL refusing it, from a deferred trigger), and after the commit; in some runs
 * the immediate clean-up fails too. After every run no committed record points at a missing object; after the sweeper
 * has had its grace period, storage holds exactly the objects committed records reference.
 *
 * <p>The storage provider is a parameter: each provider's test extends this class.
 */
abstract class SaveTopicFaultInjectionContract {

    private static final Logger LOG = LoggerFactory.getLogger(SaveTopicFaultInjectionContract.class);
    private static final int RUNS = 200;
    private static final long SEED = Long.getLong("faultInjection.seed", 20_261_121L);
    private static final TenantId TENANT = TenantId.of("faults");
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final String FAIL_AT_COMMIT = "[fail-at-commit]";

    /** A storage provider under test, and every key it holds now (providers have no listing in the port). */
    interface StorageUnderTest {

        FileStorage storage();

        Set<StorageKey> keys();
    }

    protected abstract StorageUnderTest newStorage(Path directory);

    @TempDir
    Path directory;

    private PostgresDatabase database;
    private Jdbi raw;

    @BeforeEach
    void connect() {
        TestPostgres.Database connection = TestPostgres.freshDatabase();
        database = PostgresDatabase.connect(new DatabaseSettings(connection.jdbcUrl(), connection.user(), connection.password(), 4));
        raw = Jdbi.create(connection.dataSource());
        // PostgreSQL itself refuses the commit of a topic so titled: a deferred trigger runs at COMMIT, after every statement succeeded.
        raw.useHandle(h -> h.execute("""
                CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.title LIKE '%[fail-at-commit]%' THEN
                        RAISE EXCEPTION 'injected: the database refused the commit';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER topics_fail_at_commit AFTER INSERT ON topics DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION test_fail_at_commit();"""));
    }

    @AfterEach
    void disconnect() {
        database.close();
    }

    @Test
    void twoHundredSavesWithADatabaseFailureAtEveryStepLeaveExactlyTheObjectsCommittedRecordsReference() {
        StorageUnderTest underTest = newStorage(directory);
        InjectedFaults faults = new InjectedFaults();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00Z"));
        Clock clock = now::get;
        Transactions transactions = faults.transactions(database.transactions());
        UnclaimedObjects ledger = faults.ledger(database.unclaimedObjects());
        Videos videos = faults.videos(database.videos());
        Topics topics = faults.topics(database.topics());
        FileStorage storage = faults.storage(underTest.storage());
        CrashSafeStorage crashSafe = new CrashSafeStorage(storage, ledger, transactions, clock, GRACE);
        TopicSaver saver = new TopicSaver(topics, videos, storage, crashSafe, clock, new TopicLimits(50, 1_000_000),
                // A catalog that does not know the key: the id check lets every id through; this test is about storage faults.
                new RendererIdCheck(new InMemoryRendererCatalog(), tenant -> new RendererCredentials("unused"), Duration.ofSeconds(1)));
        List<VideoId> existingVideos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AvatarVideo video = AvatarVideo.request(VideoId.newId(), TENANT, "existing " + i, List.of(new Scene("a", "v", "s")),
                    Resolution.P720, AspectRatio.LANDSCAPE_16_9, now.get());
            database.videos().add(video);
            existingVideos.add(video.id());
        }

        Random random = new Random(SEED);
        Map<Step, int[]> outcomes = new EnumMap<>(Step.class);
        for (int run = 0; run < RUNS; run++) {
            Step step = Step.values()[random.nextInt(Step.values().length)];
            int files = random.nextInt(4);
            if (step.happensPerFile() && files == 0) {
                files = 1;
            }
            boolean requestVideo = step == Step.SAVE_VIDEO || random.nextBoolean();
            SaveTopicCommand command = command(run, step, files, requestVideo, existingVideos, random);
            int occurrence = step.happensPerFile() ? 1 + random.nextInt(files) : 1;
            faults.arm(step, occurrence, random.nextBoolean(), 1 + random.nextInt(4), random.nextInt(10) < 3);
            boolean failed = false;
            try {
                TopicView saved = saver.save(command);
                assertThat(topicTitled("run " + run)).as("run %d (%s): saved and committed", run, step).isTrue();
                assertThat(saved.topic().attachments()).hasSize(files);
            } catch (RuntimeException e) {
                failed = true;
                LOG.debug("run {} ({}) failed as injected: {}", run, step, e.getMessage());
            }
            boolean fired = faults.fired();
            faults.disarm();
            outcomes.computeIfAbsent(step, s -> new int[2])[failed ? 1 : 0]++;

            assertThat(fired || step == Step.NONE || step == Step.COMMIT).as("run %d: the %s fault fired", run, step).isTrue();
            assertThat(failed).as("run %d (%s) fails exactly when a fault was injected", run, step).isEqualTo(step != Step.NONE);
            assertThat(topicTitled("run " + run)).as("run %d (%s): a failure before the commit leaves no topic", run, step)
                    .isEqualTo(step == Step.NONE || step == Step.AFTER_COMMIT);
            assertThat(videoRequestedBy(run)).as("run %d (%s): a requested video exists exactly when its topic does", run, step)
                    .isEqualTo(requestVideo && topicTitled("run " + run));
            assertThat(underTest.keys()).as("run %d (%s): every committed record's object exists", run, step)
                    .containsAll(referencedKeys());
        }

        Set<StorageKey> orphans = new HashSet<>(underTest.keys());
        orphans.removeAll(referencedKeys());
        Set<StorageKey> listed = ledgerKeys();
        LOG.info("fault injection, seed {}: outcomes per step (saved, failed) {}; {} objects referenced, {} orphans awaiting the sweeper, {} ledger entries",
                SEED, outcomes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1]).collect(Collectors.joining(", ")),
                referencedKeys().size(), orphans.size(), listed.size());
        assertThat(listed).as("every object not yet removed is in the ledger, so the sweeper will find it").containsAll(orphans);
        assertThat(outcomes.keySet()).as("every step was exercised").containsExactlyInAnyOrder(Step.values());

        UnclaimedObjectSweeper sweeper = new UnclaimedObjectSweeper(database.unclaimedObjects(), underTest.storage(),
                database.transactions(), clock, 25);
        now.set(now.get().plus(GRACE).plusSeconds(1));
        while (sweeper.sweepOnce() > 0) {
            LOG.debug("swept a batch");
        }

        assertThat(underTest.keys()).as("storage holds exactly the objects committed records reference")
                .containsExactlyInAnyOrderElementsOf(referencedKeys());
        assertThat(ledgerKeys()).isEmpty();
        assertThat(referencedKeys()).isNotEmpty();
    }

    private SaveTopicCommand command(int run, Step step, int fileCount, boolean requestVideo, List<VideoId> existing, Random random) {
        List<ContentFields> contents = new ArrayList<>();
        Map<String, IncomingFile> files = new LinkedHashMap<>();
        for (int i = 0; i < fileCount; i++) {
            byte[] bytes = new byte[1 + random.nextInt(64 * 1024)];
            random.nextBytes(bytes);
            String part = "file" + i;
            files.put(part, new IncomingFile(part, "run-" + run + "-" + i + ".bin", "application/octet-stream", bytes.length,
                    () -> new ByteArrayInputStream(bytes)));
            contents.add(new ContentFields("file", null, null, null, part, null));
        }
        if (random.nextBoolean()) {
            contents.add(random.nextInt(contents.size() + 1), new ContentFields("text", "text of run " + run, null, null, null, null));
        }
        if (requestVideo) {
            contents.add(new ContentFields("avatarVideo", null, null, new VideoFields("video of run " + run, null, null,
                    List.of(new SceneFields("sim-avatar-anna", "sim-voice-en-1", "requested by run " + run + "."))), null, null));
        }
        if (step == Step.AFTER_COMMIT || random.nextBoolean()) {
            contents.add(new ContentFields("avatarVideo", null, existing.get(random.nextInt(existing.size())).toString(), null, null, null));
        }
        String title = "run " + run + (step == Step.COMMIT ? " " + FAIL_AT_COMMIT : "");
        return SaveTopicCommand.fromFields(TENANT, title, "en", contents, files);
    }

    private boolean topicTitled(String prefix) {
        return raw.withHandle(h -> h.createQuery("SELECT count(*) FROM topics WHERE title = :exact OR title = :marked")
                .bind("exact", prefix).bind("marked", prefix + " " + FAIL_AT_COMMIT).mapTo(Integer.class).one()) > 0;
    }

    private boolean videoRequestedBy(int run) {
        return raw.withHandle(h -> h.createQuery("SELECT count(*) FROM avatar_videos WHERE title = :title")
                .bind("title", "video of run " + run).mapTo(Integer.class).one()) > 0;
    }

    private Set<StorageKey> referencedKeys() {
        return raw.withHandle(h -> h.createQuery("SELECT storage_path FROM stored_files").mapTo(String.class).list())
                .stream().map(StorageKey::new).collect(Collectors.toSet());
    }

    private Set<StorageKey> ledgerKeys() {
        return raw.withHandle(h -> h.createQuery("SELECT storage_path FROM unclaimed_objects").mapTo(String.class).list())
                .stream().map(StorageKey::new).collect(Collectors.toSet());
    }

    /** Where in a save the database fails. */
    enum Step {
        NONE,
        /** Recording the ledger entry before an upload. */
        BEFORE_UPLOAD,
        /** The database becomes unreachable while a file streams into storage, for the next few calls. */
        DURING_UPLOAD,
        /** Claiming an uploaded object's ledger entry in the saving transaction. */
        CLAIM_AFTER_UPLOAD,
        /** Saving the video the topic requests. */
        SAVE_VIDEO,
        /** Saving the topic with its contents and file records. */
        SAVE_TOPIC,
        /** PostgreSQL refuses the commit itself. */
        COMMIT,
        /** Reading the topic's videos after the commit. */
        AFTER_COMMIT;

        /** Steps that happen once per file; the fault hits one of those occurrences. */
        boolean happensPerFile() {
            return this == BEFORE_UPLOAD || this == DURING_UPLOAD || this == CLAIM_AFTER_UPLOAD;
        }
    }
}
