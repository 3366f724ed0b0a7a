package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbiTransactionsTest {

    private static DatabaseForTests fixture;
    private static PostgresDatabase database;
    private static Videos videos;
    private static Transactions transactions;

    @BeforeAll
    static void connect() {
        fixture = DatabaseForTests.migrated();
        database = fixture.database();
        videos = database.videos();
        transactions = database.transactions();
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Test
    void everythingSavedInsideCommitsTogether() {
        AvatarVideo first = video();
        AvatarVideo second = video();

        transactions.inTransaction(() -> {
            videos.add(first);
            videos.add(second);
        });

        assertThat(videos.findById(first.id())).isPresent();
        assertThat(videos.findById(second.id())).isPresent();
    }

    @Test
    void aFailureInsideRollsBackEverySaveIncludingNestedUnitsOfWork() {
        AvatarVideo outer = video();
        AvatarVideo nested = video();

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            videos.add(outer);
            transactions.inTransaction(() -> videos.add(nested));
            throw new IllegalStateException("commit refused");
        })).hasMessage("commit refused");

        assertThat(videos.findById(outer.id())).isEmpty();
        assertThat(videos.findById(nested.id())).isEmpty();
    }

    @Test
    void aFailedUpdateRollsBackTheStatusChangeWithIt() {
        AvatarVideo video = video();
        videos.add(video);

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            videos.update(video.startRendering(new RenderId("hg-" + video.id()), Instant.now()));
            throw new IllegalStateException("boom");
        }));

        assertThat(videos.findById(video.id()).orElseThrow().status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(videos.findById(video.id()).orElseThrow().version()).isZero();
    }

    @Test
    void theDatabaseItselfRefusesAVideoInAnImpossibleState() {
        AvatarVideo rendering = video().startRendering(new RenderId("hg-impossible"), Instant.parse("2026-11-21T10:00:01Z"));
        videos.add(rendering);
        Jdbi raw = Jdbi.create(fixture.connection().dataSource());

        assertThatThrownBy(() -> raw.useHandle(h -> h.execute("UPDATE avatar_videos SET status = 'READY' WHERE id = ?", rendering.id().value())))
                .hasMessageContaining("ready_exactly_with_file");
        assertThatThrownBy(() -> raw.useHandle(h -> h.execute("UPDATE avatar_videos SET status = 'FAILED' WHERE id = ?", rendering.id().value())))
                .hasMessageContaining("failed_exactly_with_reason");
        assertThat(videos.findById(rendering.id()).orElseThrow().status()).isEqualTo(VideoStatus.RENDERING);
    }

    private static AvatarVideo video() {
        return AvatarVideo.request(VideoId.newId(), TenantId.of("tx"), "t", List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.SQUARE, Instant.parse("2026-11-21T10:00:00Z"));
    }
}
