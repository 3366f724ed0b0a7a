package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.video.VideoEvents;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.IngestRetry;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event log every {@link Videos} implementation keeps: one event per video added and per status change, in order,
 * in the same unit of work as the change. The in-memory fake and the database pass the same tests.
 */
public abstract class VideoEventLogContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

    /** The repository, its log, and a unit of work over both; a fresh set, or one random tenants cannot collide in. */
    public record Log(Videos videos, VideoEvents events, Transactions transactions) {
    }

    protected abstract Log newLog();

    private Videos videos;
    private VideoEvents events;
    private Transactions transactions;
    private TenantId tenant;

    @BeforeEach
    void setUpLog() {
        Log log = newLog();
        videos = log.videos();
        events = log.events();
        transactions = log.transactions();
        tenant = TenantId.of("ev-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void everyStatusChangeIsOneEventInOrderWithWhatTheStatusCarries() {
        long before = events.lastId();
        AvatarVideo video = request(T0);
        videos.add(video);
        AvatarVideo rendering = videos.update(video.startRendering(new RenderId("r-" + video.id()), T0.plusSeconds(1)));
        AvatarVideo ingesting = videos.update(rendering.startIngesting(T0.plusSeconds(2)));
        StoredFile file = file(tenant);
        videos.update(ingesting.markReady(file, T0.plusSeconds(3)));

        List<VideoEvent> log = events.ofVideosAfter(tenant, List.of(video.id()), 0, 100);

        assertThat(log).extracting(VideoEvent::status)
                .containsExactly(VideoStatus.QUEUED, VideoStatus.RENDERING, VideoStatus.INGESTING, VideoStatus.READY);
        assertThat(log).extracting(VideoEvent::id).isSorted().doesNotHaveDuplicates().allMatch(id -> id > before);
        assertThat(log).extracting(VideoEvent::occurredAt).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
        assertThat(log).allSatisfy(e -> {
            assertThat(e.videoId()).isEqualTo(video.id());
            assertThat(e.tenantId()).isEqualTo(tenant);
        });
        VideoEvent ready = log.getLast();
        assertThat(ready.file().storagePath()).isEqualTo(file.storagePath());
        assertThat(ready.file().checksum()).isEqualTo(file.checksum());
        assertThat(ready.file().fileSize()).isEqualTo(file.fileSize());
        assertThat(ready.type()).isEqualTo("video.ready");
        assertThat(ready.parts()).as("a video that kept no parts").isEqualTo(LessonParts.NONE);
        assertThat(events.lastId()).isEqualTo(ready.id());
    }

    @Test
    void aReadyEventCarriesTheVideosLessonPartsAndNoOtherEventDoes() {
        long before = events.lastId();
        AvatarVideo video = request(T0);
        videos.add(video);
        AvatarVideo ingesting = videos.update(video.startRendering(new RenderId("r-" + video.id()), T0.plusSeconds(1))
                .startIngesting(T0.plusSeconds(2)));
        LessonParts parts = VideosContract.everyPart(tenant, T0.plusSeconds(3));
        videos.update(ingesting.markReady(file(tenant), parts, T0.plusSeconds(3)));

        List<VideoEvent> log = events.ofVideosAfter(tenant, List.of(video.id()), before, 100);

        assertThat(log).extracting(VideoEvent::status).containsExactly(VideoStatus.QUEUED, VideoStatus.INGESTING, VideoStatus.READY);
        assertThat(log.getLast().parts()).isEqualTo(parts);
        assertThat(log.subList(0, 2)).extracting(VideoEvent::parts).containsOnly(LessonParts.NONE);
        assertThat(events.latestOf(tenant, List.of(video.id()))).singleElement().satisfies(e -> assertThat(e.parts()).isEqualTo(parts));
        assertThat(events.after(before, 100)).filteredOn(e -> e.status() == VideoStatus.READY).singleElement()
                .satisfies(e -> assertThat(e.parts()).isEqualTo(parts));
    }

    @Test
    void aFailureCarriesItsReason() {
        AvatarVideo video = request(T0);
        videos.add(video);
        videos.update(video.fail(new VideoFailure("invalid_request", "scenes[0].avatarId: no such avatar"), T0.plusSeconds(1)));

        VideoEvent failed = events.latestOf(tenant, List.of(video.id())).getFirst();

        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(new VideoFailure("invalid_request", "scenes[0].avatarId: no such avatar"));
        assertThat(failed.type()).isEqualTo("video.failed");
    }

    @Test
    void aChangeThatKeepsTheStatusIsNoEvent() {
        AvatarVideo video = request(T0);
        videos.add(video);
        AvatarVideo ingesting = videos.update(video.startRendering(new RenderId("r-" + video.id()), T0).startIngesting(T0.plusSeconds(1)));
        long afterIngesting = events.lastId();

        videos.update(ingesting.ingestAttemptFailed(new IngestRetry(URI.create("https://renderer.example/v.mp4"), T0.plusSeconds(3600),
                T0.plusSeconds(60), "bucket unreachable"), T0.plusSeconds(2)));

        assertThat(events.ofVideosAfter(tenant, List.of(video.id()), afterIngesting, 100)).isEmpty();
        assertThat(events.ofVideosAfter(tenant, List.of(video.id()), 0, 100)).extracting(VideoEvent::status)
                .containsExactly(VideoStatus.QUEUED, VideoStatus.INGESTING);
    }

    @Test
    void aChangeThatRollsBackLeavesNoEvent() {
        AvatarVideo video = request(T0);
        videos.add(video);
        long afterAdd = events.lastId();

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            videos.update(video.startRendering(new RenderId("r-" + video.id()), T0.plusSeconds(1)));
            throw new IllegalStateException("commit refused");
        })).hasMessage("commit refused");
        AvatarVideo neverSaved = request(T0);
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            videos.add(neverSaved);
            throw new IllegalStateException("commit refused");
        })).hasMessage("commit refused");

        assertThat(events.ofVideosAfter(tenant, List.of(video.id(), neverSaved.id()), afterAdd, 100)).isEmpty();
        assertThat(events.latestOf(tenant, List.of(video.id(), neverSaved.id()))).extracting(VideoEvent::status)
                .containsExactly(VideoStatus.QUEUED);
    }

    @Test
    void readsOnlyTheTenantsOwnVideosAndTheLatestOfEach() {
        TenantId other = TenantId.of("ot-" + UUID.randomUUID().toString().substring(0, 8));
        AvatarVideo mine = request(T0);
        AvatarVideo alsoMine = request(T0);
        AvatarVideo theirs = AvatarVideo.request(VideoId.newId(), other, null, List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, T0);
        videos.add(mine);
        videos.add(alsoMine);
        videos.add(theirs);
        videos.update(mine.startRendering(new RenderId("r-" + mine.id()), T0.plusSeconds(1)));

        assertThat(events.ofVideosAfter(tenant, List.of(mine.id(), theirs.id()), 0, 100)).extracting(VideoEvent::videoId)
                .containsOnly(mine.id());
        assertThat(events.latestOf(tenant, List.of(mine.id(), alsoMine.id(), theirs.id(), VideoId.newId())))
                .extracting(VideoEvent::videoId, VideoEvent::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(mine.id(), VideoStatus.RENDERING),
                        org.assertj.core.groups.Tuple.tuple(alsoMine.id(), VideoStatus.QUEUED));
    }

    @Test
    void pagesThroughEveryTenantsEventsOldestFirst() {
        long start = events.lastId();
        for (int i = 0; i < 5; i++) {
            videos.add(request(T0.plusSeconds(i)));
        }

        List<VideoEvent> firstTwo = events.after(start, 2);
        List<VideoEvent> rest = events.after(firstTwo.getLast().id(), 100);

        assertThat(firstTwo).hasSize(2);
        assertThat(rest).hasSizeGreaterThanOrEqualTo(3);
        assertThat(firstTwo.getLast().id()).isLessThan(rest.getFirst().id());
        assertThat(rest.stream().filter(e -> e.tenantId().equals(tenant))).hasSize(3);
    }

    private AvatarVideo request(Instant at) {
        return AvatarVideo.request(VideoId.newId(), tenant, "events", List.of(new Scene("a", "v", "s")), Resolution.P720, AspectRatio.SQUARE, at);
    }

    private static StoredFile file(TenantId tenant) {
        return new StoredFile(URI.create("https://files.example/x.mp4"), "x.mp4", 1234, "video/mp4", StorageKey.newFor(tenant, "x.mp4"),
                T0.plusSeconds(3), "sha256:" + "ab".repeat(32), "filesystem");
    }
}
