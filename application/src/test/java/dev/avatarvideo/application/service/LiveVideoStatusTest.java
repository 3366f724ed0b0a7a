package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.in.video.WatchVideoStatus.Opened;
import dev.avatarvideo.application.port.in.video.WatchVideoStatus.StatusWatch;
import dev.avatarvideo.application.port.in.video.WatchVideoStatusQuery;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveVideoStatusTest {

    private static final Duration NONE = Duration.ZERO;

    private final ServiceTestKit kit = new ServiceTestKit();
    private final LiveVideoStatus live = new LiveVideoStatus(kit.videos, kit.videos.events(), kit.storage, 64)
            .listenTo(kit.videos.events());

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    @Test
    void aNewWatchStartsWithWhereTheVideoStandsThenSeesEveryChangeToReady() throws Exception {
        AvatarVideo video = kit.request("Lesson 1");
        kit.submitter.submitQueued();

        try (StatusWatch watch = open(ServiceTestKit.TENANT, OptionalLong.empty(), video.id())) {
            assertThat(watch.next(NONE).map(VideoEvent::status)).contains(VideoStatus.RENDERING);
            assertThat(watch.next(NONE)).isEmpty();

            kit.renderer.completeRender(video.id());
            kit.untilFirstCheck();
            kit.tracker.trackOnce();
            kit.ingester.ingestPending();

            assertThat(drain(watch)).extracting(VideoEvent::status).containsExactly(VideoStatus.INGESTING, VideoStatus.READY);
        }
        assertThat(live.watchCount()).isZero();
    }

    @Test
    void aReadyEventCarriesTheFilesMetadataWithAFreshlyIssuedAddress() throws Exception {
        byte[] mp4 = "an mp4".getBytes();
        kit.renderer.serveVideo(mp4, OptionalLong.of(mp4.length));
        AvatarVideo video = kit.request("Lesson 2");
        kit.submitter.submitQueued();
        kit.renderer.completeRender(video.id());
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        kit.ingester.ingestPending();
        AvatarVideo ready = kit.reload(video.id());
        kit.clock.advance(Duration.ofMinutes(50));

        try (StatusWatch watch = open(ServiceTestKit.TENANT, OptionalLong.empty(), video.id())) {
            VideoEvent event = watch.next(NONE).orElseThrow();

            assertThat(event.status()).isEqualTo(VideoStatus.READY);
            assertThat(event.file().checksum()).isEqualTo(ready.file().checksum());
            assertThat(event.file().fileUrl()).isNotEqualTo(ready.file().fileUrl()).isEqualTo(kit.storage.accessUrl(ready.file()));
        }
    }

    @Test
    void resumingAfterAnEventIdReplaysExactlyWhatWasMissed() throws Exception {
        AvatarVideo first = kit.request("One");
        AvatarVideo second = kit.request("Two");
        long seen;
        try (StatusWatch watch = open(ServiceTestKit.TENANT, OptionalLong.empty(), first.id(), second.id())) {
            List<VideoEvent> initial = drain(watch);
            assertThat(initial).extracting(VideoEvent::status).containsExactly(VideoStatus.QUEUED, VideoStatus.QUEUED);
            seen = initial.getLast().id();
        }
        kit.submitter.submitQueued();
        kit.renderer.completeRender(second.id());
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        List<VideoEvent> missed = kit.videos.events().ofVideosAfter(ServiceTestKit.TENANT, List.of(first.id(), second.id()), seen, 100);

        try (StatusWatch resumed = open(ServiceTestKit.TENANT, OptionalLong.of(seen), first.id(), second.id())) {
            assertThat(drain(resumed)).containsExactlyElementsOf(missed)
                    .extracting(VideoEvent::videoId, VideoEvent::status)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(first.id(), VideoStatus.RENDERING),
                            org.assertj.core.groups.Tuple.tuple(second.id(), VideoStatus.RENDERING),
                            org.assertj.core.groups.Tuple.tuple(second.id(), VideoStatus.INGESTING));
            assertThat(missed).extracting(VideoEvent::id).isSorted();
        }
    }

    @Test
    void anUnknownVideoOrAnotherTenantsIsRefusedAndNothingIsWatched() {
        AvatarVideo video = kit.request("Mine");

        assertThat(live.watch(new WatchVideoStatusQuery(TenantId.of("someone-else"), List.of(video.id()), OptionalLong.empty())))
                .isEqualTo(new Opened.UnknownVideo(video.id()));
        VideoId unknown = VideoId.newId();
        assertThat(live.watch(new WatchVideoStatusQuery(ServiceTestKit.TENANT, List.of(video.id(), unknown), OptionalLong.empty())))
                .isEqualTo(new Opened.UnknownVideo(unknown));
        assertThat(live.watchCount()).isZero();
    }

    @Test
    void anEventSeenInTheFirstReadIsNotSentAgainWhenItsWakeUpComesLate() throws Exception {
        LiveVideoStatus lagging = new LiveVideoStatus(kit.videos, kit.videos.events(), kit.storage, 64);
        AvatarVideo video = kit.request("Late");
        kit.submitter.submitQueued();

        try (StatusWatch watch = open(lagging, OptionalLong.empty(), video.id())) {
            assertThat(lagging.catchUp()).isEqualTo(2);

            assertThat(drain(watch)).extracting(VideoEvent::status).containsExactly(VideoStatus.RENDERING);
        }
    }

    @Test
    void aWatcherThatFallsTooFarBehindIsDroppedAndCanResume() throws Exception {
        LiveVideoStatus small = new LiveVideoStatus(kit.videos, kit.videos.events(), kit.storage, 1).listenTo(kit.videos.events());
        AvatarVideo video = kit.request("Busy");
        try (StatusWatch watch = open(small, OptionalLong.empty(), video.id())) {
            long seen = watch.next(NONE).orElseThrow().id();

            kit.submitter.submitQueued();
            kit.renderer.completeRender(video.id());
            kit.untilFirstCheck();
            kit.tracker.trackOnce();

            assertThat(watch.isOpen()).isFalse();
            assertThat(small.watchCount()).isZero();
            try (StatusWatch resumed = open(small, OptionalLong.of(seen), video.id())) {
                assertThat(drain(resumed)).extracting(VideoEvent::status).containsExactly(VideoStatus.RENDERING, VideoStatus.INGESTING);
            }
        } finally {
            small.close();
        }
    }

    @Test
    void closingAWatchFromAnotherThreadEndsAWaitingRead() throws Exception {
        AvatarVideo video = kit.request("Quiet");
        StatusWatch watch = open(ServiceTestKit.TENANT, OptionalLong.empty(), video.id());
        watch.next(NONE);
        Thread.ofVirtual().start(() -> {
            sleep(200);
            watch.close();
        });

        long started = System.nanoTime();
        assertThat(watch.next(Duration.ofSeconds(60))).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("woken by close, not by the end of the wait").isLessThan(Duration.ofSeconds(50));
        assertThat(watch.isOpen()).isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private StatusWatch open(TenantId tenant, OptionalLong lastEventId, VideoId... ids) {
        Opened opened = live.watch(new WatchVideoStatusQuery(tenant, List.of(ids), lastEventId));
        return ((Opened.Watching) opened).watch();
    }

    private StatusWatch open(LiveVideoStatus status, OptionalLong lastEventId, VideoId... ids) {
        Opened opened = status.watch(new WatchVideoStatusQuery(ServiceTestKit.TENANT, List.of(ids), lastEventId));
        return ((Opened.Watching) opened).watch();
    }

    private static List<VideoEvent> drain(StatusWatch watch) throws InterruptedException {
        List<VideoEvent> events = new ArrayList<>();
        for (Optional<VideoEvent> next = watch.next(NONE); next.isPresent(); next = watch.next(NONE)) {
            events.add(next.get());
        }
        return events;
    }
}
