package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.storage.FileStorage.StorageFailureException;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.IngestRetry;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VideoIngesterTest {

    private final ServiceTestKit kit = new ServiceTestKit();

    private AvatarVideo renderedVideo(String title) {
        AvatarVideo video = kit.request(title);
        kit.submitter.submitQueued();
        kit.renderer.completeRender(video.id());
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        return kit.reload(video.id());
    }

    @Test
    void copiesTheFileAndMarksTheVideoReadyWithItsMetadata() throws Exception {
        byte[] mp4 = "pretend this is an H.264 MP4".getBytes();
        kit.renderer.serveVideo(mp4, OptionalLong.of(mp4.length));
        AvatarVideo video = renderedVideo("Lesson 1: Intro");

        assertThat(kit.ingester.ingestPending()).isEqualTo(1);

        AvatarVideo ready = kit.reload(video.id());
        assertThat(ready.status()).isEqualTo(VideoStatus.READY);
        assertThat(ready.file().fileSize()).isEqualTo(mp4.length);
        assertThat(ready.file().checksum()).isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mp4)));
        assertThat(ready.file().fileName()).isEqualTo("lesson-1-intro.mp4");
        assertThat(ready.file().fileType()).isEqualTo("video/mp4");
        assertThat(ready.file().storagePath().value()).startsWith("acme/").endsWith(".mp4");
        assertThat(kit.storage.keys()).containsExactly(ready.file().storagePath());
    }

    @Test
    void asksTheRendererAgainInsteadOfTrustingAnEarlierAnswer() {
        AvatarVideo video = renderedVideo("failed after all");
        VideoFailure reason = new VideoFailure("render_failed", "moderation");
        kit.renderer.reportStatus(video.id(), new RenderStatus.Failed(reason));

        kit.ingester.ingestPending();

        assertThat(kit.reload(video.id()).failure()).isEqualTo(reason);
        assertThat(kit.storage.keys()).isEmpty();
    }

    @Test
    void aTruncatedDownloadIsRetriedAndLeavesNoObject() {
        byte[] partial = new byte[100];
        kit.renderer.serveVideo(partial, OptionalLong.of(1000));
        AvatarVideo video = renderedVideo("truncated");

        assertThat(kit.ingester.ingestPending()).isZero();

        AvatarVideo after = kit.reload(video.id());
        assertThat(after.status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(after.ingestAttempts()).isEqualTo(1);
        assertThat(kit.storage.keys()).isEmpty();

        kit.renderer.serveVideo(new byte[1000], OptionalLong.of(1000));
        kit.clock.advance(Duration.ofSeconds(10));
        kit.ingester.ingestPending();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.READY);
    }

    @Test
    void whenTheUploadFailsTheVideoStaysPlayableFromTheRenderersAddressAndIsRetriedAfterABackOff() {
        AvatarVideo video = renderedVideo("storage down");
        kit.storage.failNextStore(new StorageFailureException("bucket unreachable"));

        assertThat(kit.ingester.ingestPending()).isZero();

        AvatarVideo waiting = kit.reload(video.id());
        assertThat(waiting.status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(waiting.ingestAttempts()).isEqualTo(1);
        IngestRetry retry = waiting.pendingIngestRetry().orElseThrow();
        assertThat(retry.temporaryUrl()).isEqualTo(java.net.URI.create("https://renderer.example/" + kit.renderer.renderOf(video.id()) + ".mp4"));
        assertThat(retry.temporaryUntil()).isEqualTo(Instant.parse("2100-01-01T00:00:00Z"));
        assertThat(retry.nextAttemptAt()).isEqualTo(kit.clock.now().plusSeconds(10));
        assertThat(retry.lastError()).isEqualTo("bucket unreachable");
        assertThat(kit.storage.keys()).isEmpty();
        assertThat(kit.unclaimed.entries()).isEmpty();

        kit.clock.advance(Duration.ofSeconds(9));
        assertThat(kit.ingester.ingestPending()).as("still backing off").isZero();
        assertThat(kit.reload(video.id()).ingestAttempts()).isEqualTo(1);

        kit.clock.advance(Duration.ofSeconds(1));
        assertThat(kit.ingester.ingestPending()).isEqualTo(1);
        AvatarVideo ready = kit.reload(video.id());
        assertThat(ready.status()).isEqualTo(VideoStatus.READY);
        assertThat(ready.pendingIngestRetry()).isEmpty();
        assertThat(kit.storage.keys()).containsExactly(ready.file().storagePath());
    }

    @Test
    void backsOffLongerAfterEachFailureAndKeepsTheFirstTemporaryAddress() {
        AvatarVideo video = renderedVideo("storage flaky");

        kit.storage.failNextStore(new StorageFailureException("timeout 1"));
        kit.ingester.ingestPending();
        IngestRetry first = kit.reload(video.id()).pendingIngestRetry().orElseThrow();
        kit.clock.advance(Duration.ofSeconds(10));
        kit.storage.failNextStore(new StorageFailureException("timeout 2"));
        kit.ingester.ingestPending();

        IngestRetry second = kit.reload(video.id()).pendingIngestRetry().orElseThrow();
        assertThat(second.nextAttemptAt()).isEqualTo(kit.clock.now().plusSeconds(20));
        assertThat(second.temporaryUrl()).isEqualTo(first.temporaryUrl());
        assertThat(second.lastError()).isEqualTo("timeout 2");
        assertThat(kit.reload(video.id()).ingestAttempts()).isEqualTo(2);
    }

    @Test
    void failsTheVideoWithAClearReasonWhenTheTemporaryAddressExpiresBeforeACopySucceeds() {
        AvatarVideo video = kit.request("storage down for good");
        kit.submitter.submitQueued();
        kit.untilFirstCheck();
        Instant expires = kit.clock.now().plusSeconds(25);
        kit.renderer.completeRender(video.id(), expires);
        kit.tracker.trackOnce();

        for (int i = 0; i < 5 && kit.reload(video.id()).status() == VideoStatus.INGESTING; i++) {
            kit.storage.failNextStore(new StorageFailureException("bucket unreachable"));
            kit.ingester.ingestPending();
            kit.clock.advance(Duration.ofSeconds(10));
        }

        AvatarVideo failed = kit.reload(video.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failure().code()).isEqualTo("ingest_expired");
        assertThat(failed.failure().message()).contains(expires.toString()).contains("bucket unreachable").contains("attempts");
        assertThat(failed.pendingIngestRetry()).isEmpty();
        assertThat(kit.storage.keys()).isEmpty();
    }

    @Test
    void aCrashBetweenUploadAndRecordLeavesALedgerEntryTheSweeperClearsAfterTheGracePeriod() {
        AvatarVideo video = renderedVideo("crash");
        kit.videos.beforeEachUpdate(v -> {
            if (v.status() == VideoStatus.READY) {
                throw new IllegalStateException("process killed");
            }
            return v;
        });
        kit.storage.failDeletes(new IllegalStateException("process killed"));

        kit.ingester.ingestPending();

        assertThat(kit.storage.keys()).hasSize(1);
        assertThat(kit.unclaimed.entries()).hasSize(1);
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.INGESTING);

        kit.storage.deletesWork();
        kit.clock.advance(ServiceTestKit.UPLOAD_GRACE.minusSeconds(1));
        assertThat(kit.sweeper.sweepOnce()).isZero();
        kit.clock.advance(Duration.ofSeconds(1));
        assertThat(kit.sweeper.sweepOnce()).isEqualTo(1);
        assertThat(kit.storage.keys()).isEmpty();
        assertThat(kit.unclaimed.entries()).isEmpty();
    }

    @Test
    void whenSavingTheRecordFailsTheUploadedObjectIsRemoved() {
        AvatarVideo video = renderedVideo("db down");
        kit.videos.beforeEachUpdate(v -> {
            if (v.status() == VideoStatus.READY) {
                throw new IllegalStateException("connection to database lost");
            }
            return v;
        });

        assertThat(kit.ingester.ingestPending()).isZero();

        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(kit.storage.keys()).isEmpty();
        assertThat(kit.unclaimed.entries()).isEmpty();
    }

    @Test
    void aRendererThatCannotAnswerIsAskedAgainAfterAPauseNotInEveryRound() {
        AvatarVideo video = renderedVideo("renderer down");
        kit.renderer.reportStatus(video.id(), new RenderStatus.Unavailable("HTTP 503"));

        kit.ingester.ingestPending();
        kit.ingester.ingestPending();
        kit.clock.advance(VideoIngester.RENDERER_UNAVAILABLE_PAUSE.minusMillis(1));
        kit.ingester.ingestPending();

        assertThat(kit.calls.of(RendererCallCounts.Call.STATUS_SINGLE)).as("asked once").isEqualTo(1);
        kit.renderer.completeRender(video.id());
        kit.clock.advance(Duration.ofMillis(1));
        assertThat(kit.ingester.ingestPending()).isEqualTo(1);
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.READY);
        assertThat(kit.calls.of(RendererCallCounts.Call.STATUS_SINGLE)).isEqualTo(2);
    }

    @Test
    void aVideoAnotherIngesterHoldsIsLeftAlone() {
        AvatarVideo video = renderedVideo("contested");
        assertThat(kit.work.claimForIngest(kit.clock.now(), 10)).extracting(AvatarVideo::id).containsExactly(video.id());

        assertThat(kit.ingester.ingestPending()).isZero();
        assertThat(kit.storage.keys()).isEmpty();

        kit.work.finish(video.id());
        assertThat(kit.ingester.ingestPending()).isEqualTo(1);
        assertThat(kit.storage.keys()).hasSize(1);
    }

    @Test
    void downloadNamesAreReadableAndNeverEmpty() {
        AvatarVideo titled = kit.request("Épisode 2 — Les Bases!");
        AvatarVideo untitled = kit.generate.generate(new dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand(
                ServiceTestKit.TENANT, null, List.of(new Scene("a", "v", "s")), null, null));
        AvatarVideo symbols = kit.request("***");

        assertThat(LessonBundles.slug(titled)).isEqualTo("episode-2-les-bases");
        assertThat(LessonBundles.slug(untitled)).isEqualTo("avatar-video-" + untitled.id());
        assertThat(LessonBundles.slug(symbols)).isEqualTo("avatar-video-" + symbols.id());
    }
}
