package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.FileStorage.StorageFailureException;
import dev.avatarvideo.application.port.out.VideoRenderer.RenderStatus;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.security.MessageDigest;
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
        kit.ingester.ingestPending();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.READY);
    }

    @Test
    void failsTheVideoAfterTheLastAllowedAttempt() {
        AvatarVideo video = renderedVideo("storage down");

        for (int i = 0; i < 3; i++) {
            kit.storage.failNextStore(new StorageFailureException("bucket unreachable"));
            kit.ingester.ingestPending();
        }

        AvatarVideo failed = kit.reload(video.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failure().code()).isEqualTo("ingest_failed");
        assertThat(failed.failure().message()).contains("3 times").contains("bucket unreachable");
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
    }

    @Test
    void downloadNamesAreReadableAndNeverEmpty() {
        AvatarVideo titled = kit.request("Épisode 2 — Les Bases!");
        AvatarVideo untitled = kit.generate.generate(new dev.avatarvideo.application.port.in.GenerateAvatarVideoCommand(
                ServiceTestKit.TENANT, null, List.of(new Scene("a", "v", "s")), null, null));
        AvatarVideo symbols = kit.request("***");

        assertThat(VideoIngester.downloadName(titled)).isEqualTo("episode-2-les-bases.mp4");
        assertThat(VideoIngester.downloadName(untitled)).isEqualTo("avatar-video-" + untitled.id() + ".mp4");
        assertThat(VideoIngester.downloadName(symbols)).isEqualTo("avatar-video-" + symbols.id() + ".mp4");
    }
}
