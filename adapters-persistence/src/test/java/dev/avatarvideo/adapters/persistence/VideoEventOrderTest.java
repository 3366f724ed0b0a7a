package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event ids become visible in increasing order even when many transactions change statuses at once and commit in any
 * order: a reader that only ever asks for "after the last id I saw" misses nothing.
 */
class VideoEventOrderTest {

    private static DatabaseForTests fixture;
    private static PostgresDatabase database;

    @BeforeAll
    static void connect() {
        fixture = DatabaseForTests.migrated();
        database = fixture.database();
        lingerAtCommitAfterTakingTheEventId();
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    /**
     * Events are recorded at commit; this makes each commit linger a little after its event id was taken (deferred
     * triggers of one change run in name order), so commits would overtake each other if ids allowed it.
     */
    private static void lingerAtCommitAfterTakingTheEventId() {
        Jdbi.create(fixture.connection().dataSource()).useHandle(handle -> {
            handle.execute("""
                    CREATE FUNCTION linger_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        PERFORM pg_sleep(random() * 0.03);
                        RETURN NULL;
                    END
                    $$""");
            handle.execute("""
                    CREATE CONSTRAINT TRIGGER zz_linger_at_commit AFTER UPDATE OF status ON avatar_videos
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION linger_at_commit()""");
        });
    }

    @Test
    void aReaderFollowingTheLogByLastSeenIdMissesNoEventWhileWritersCommitOutOfOrder() throws Exception {
        Videos videos = database.videos();
        VideoEvents events = database.videoEvents();
        Transactions transactions = database.transactions();
        long start = events.lastId();
        List<AvatarVideo> queued = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of("order"), null, List.of(new Scene("a", "v", "s")),
                    Resolution.P720, AspectRatio.SQUARE, Instant.parse("2026-11-21T10:00:00Z"));
            videos.add(video);
            queued.add(video);
        }
        long afterAdds = events.lastId();

        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> seen = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            long last = afterAdds;
            while (writing.get() || !events.after(last, 1).isEmpty()) {
                for (VideoEvent event : events.after(last, 100)) {
                    seen.add(event.id());
                    last = event.id();
                }
            }
        });
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (AvatarVideo video : queued) {
                done.add(writers.submit(() -> transactions.inTransaction(() ->
                        videos.update(video.startRendering(new RenderId("order-" + video.id()), Instant.parse("2026-11-21T10:00:01Z"))))));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }

        List<Long> all = events.after(start, 1000).stream().map(VideoEvent::id).filter(id -> id > afterAdds).toList();
        assertThat(all).hasSize(40);
        assertThat(seen).as("every event, once, in order").containsExactlyElementsOf(all);
    }
}
