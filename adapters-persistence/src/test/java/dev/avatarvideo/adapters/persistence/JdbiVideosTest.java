package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.VideosContract;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The repository contract, on a real PostgreSQL, and what the schema itself refuses about lesson parts. */
class JdbiVideosTest extends VideosContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static PostgresDatabase database;
    private static Jdbi raw;

    @BeforeAll
    static void connect() {
        DatabaseForTests fixture = DatabaseForTests.migrated();
        database = fixture.database();
        raw = Jdbi.create(fixture.connection().dataSource());
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Override
    protected Videos newVideos() {
        return database.videos();
    }

    @Test
    void deletingAVideoRemovesTheRecordOfItsFileAndOfEveryPart() {
        TenantId tenant = tenant();
        AvatarVideo ready = ready(tenant, VideosContract.everyPart(tenant, T0));
        List<String> keys = ready.storedKeys().stream().map(StorageKey::value).toList();
        assertThat(storedFiles(keys)).isEqualTo(5);

        database.videos().delete(tenant, ready.id());

        assertThat(storedFiles(keys)).isZero();
        int partRows = raw.withHandle(h -> h.createQuery("SELECT count(*) FROM lesson_parts WHERE video_id = :id")
                .bind("id", ready.id().value()).mapTo(Integer.class).one());
        assertThat(partRows).isZero();
    }

    @Test
    void refusesPartsForAVideoThatIsNotReady() {
        TenantId tenant = tenant();
        AvatarVideo rendering = AvatarVideo.request(VideoId.newId(), tenant, null, List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, T0).startRendering(new RenderId("r-" + UUID.randomUUID()), T0);
        database.videos().add(rendering);
        String poster = storedFile(tenant, "p.jpg");

        assertRefused(h -> h.execute("INSERT INTO lesson_parts (video_id, poster_path) VALUES (?, ?)", rendering.id().value(), poster),
                "parts_only_while_ready");
    }

    @Test
    void refusesCaptionsInOneFormatOnlyAndIncompleteMediaFacts() {
        TenantId tenant = tenant();
        AvatarVideo ready = ready(tenant, LessonParts.NONE);
        String srt = storedFile(tenant, "c.srt");

        assertRefused(h -> h.execute("INSERT INTO lesson_parts (video_id, captions_srt_path) VALUES (?, ?)", ready.id().value(), srt),
                "captions_in_both_formats");
        assertRefused(h -> h.execute("INSERT INTO lesson_parts (video_id, duration_nanos, width) VALUES (?, 1000, 640)", ready.id().value()),
                "media_facts_complete_or_absent");
        assertRefused(h -> h.execute("INSERT INTO lesson_parts (video_id) VALUES (?)", ready.id().value()), "keeps_something");
    }

    @Test
    void aVideoWithPartsCannotLeaveReady() {
        TenantId tenant = tenant();
        AvatarVideo ready = ready(tenant, VideosContract.everyPart(tenant, T0));

        assertRefused(h -> h.execute("UPDATE avatar_videos SET status = 'FAILED', failure_code = 'x', file_path = NULL WHERE id = ?",
                ready.id().value()), "parts_only_while_ready");
        assertThat(database.videos().findById(ready.id()).orElseThrow().parts()).isEqualTo(ready.parts());
    }

    private static void assertRefused(java.util.function.Consumer<Handle> statement, String constraint) {
        assertThatThrownBy(() -> raw.useHandle(statement::accept))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining(constraint);
    }

    private static AvatarVideo ready(TenantId tenant, LessonParts parts) {
        AvatarVideo requested = AvatarVideo.request(VideoId.newId(), tenant, null, List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, T0);
        database.videos().add(requested);
        AvatarVideo ingesting = database.videos().update(requested.startRendering(new RenderId("r-" + requested.id()), T0).startIngesting(T0));
        StorageKey key = StorageKey.newFor(tenant, "v.mp4");
        StoredFile file = new StoredFile(URI.create("https://files.example/" + key), "v.mp4", 10, "video/mp4", key, T0,
                "sha256:" + "ab".repeat(32), "filesystem");
        return database.videos().update(ingesting.markReady(file, parts, T0.plusSeconds(1)));
    }

    /** A stored_files row nothing refers to yet, for statements that try to refer to it. */
    private static String storedFile(TenantId tenant, String name) {
        String path = StorageKey.newFor(tenant, name).value();
        raw.useHandle(h -> h.execute("""
                INSERT INTO stored_files (storage_path, tenant_id, file_url, file_name, file_size, file_type, checksum, provider, uploaded_at)
                VALUES (?, ?, 'https://files.example/x', ?, 1, 'text/plain', ?, 'filesystem', now())""",
                path, tenant.value(), name, "sha256:" + "cd".repeat(32)));
        return path;
    }

    private static int storedFiles(List<String> paths) {
        return raw.withHandle(h -> h.createQuery("SELECT count(*) FROM stored_files WHERE storage_path = ANY(:paths)")
                .bindArray("paths", String.class, paths).mapTo(Integer.class).one());
    }

    private static TenantId tenant() {
        return TenantId.of("lp-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
