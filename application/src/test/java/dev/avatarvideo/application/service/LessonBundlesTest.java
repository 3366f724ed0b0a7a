package dev.avatarvideo.application.service;

import static dev.avatarvideo.application.fakes.ScriptedVideoRenderer.Artefact.CAPTIONED_VIDEO;
import static dev.avatarvideo.application.fakes.ScriptedVideoRenderer.Artefact.CAPTIONS;
import static dev.avatarvideo.application.fakes.ScriptedVideoRenderer.Artefact.POSTER;
import static dev.avatarvideo.application.fakes.ScriptedVideoRenderer.Artefact.PREVIEW;
import static dev.avatarvideo.application.fakes.ScriptedVideoRenderer.Artefact.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.FakeMediaFactsReader;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer.Artefact;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer.Failure;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.application.port.out.storage.FileStorage.StorageFailureException;
import dev.avatarvideo.application.port.out.storage.MediaFactsReader.UnreadableMediaException;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects.UnclaimedObject;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A finished render's lesson copied through {@link VideoIngester} and {@link LessonBundles}: which parts each caption
 * choice keeps, that each stored part is what the renderer offered (the WebVTT made from the SRT), and that a failure
 * anywhere leaves nothing behind, in storage or in the ledger.
 */
class LessonBundlesTest {

    private static final Set<Artefact> EVERYTHING = EnumSet.allOf(Artefact.class);

    private final ServiceTestKit kit = new ServiceTestKit();

    private AvatarVideo rendered(CaptionChoice captions, Set<Artefact> offered) {
        AvatarVideo video = kit.generate.generate(GenerateAvatarVideoCommand.fromFields(ServiceTestKit.TENANT, "Lesson 3: Fractions", "720p",
                "16:9", captions, List.of(new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Welcome to the course."),
                        new SceneFields("sim-avatar-ben", "sim-voice-en-2", "Let us begin."))));
        kit.submitter.submitQueued();
        kit.renderer.completeLesson(video.id(), offered);
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        return kit.reload(video.id());
    }

    @Test
    void sidecarCaptionsKeepTheCleanVideoTheSrtItsWebVttThePosterAndThePreview() throws Exception {
        AvatarVideo video = rendered(CaptionChoice.SIDECAR, EVERYTHING);

        assertThat(kit.ingester.ingestPending()).isEqualTo(1);

        AvatarVideo ready = kit.reload(video.id());
        assertThat(ready.status()).isEqualTo(VideoStatus.READY);
        assertStored(ready.file(), "lesson-3-fractions.mp4", "video/mp4", kit.renderer.contentOf(VIDEO));
        StoredFile srt = ready.parts().captionsSrt().orElseThrow();
        assertStored(srt, "lesson-3-fractions.srt", "application/x-subrip", kit.renderer.contentOf(CAPTIONS));
        StoredFile vtt = ready.parts().captionsVtt().orElseThrow();
        byte[] webVtt = new SrtToWebVtt(new ByteArrayInputStream(kit.renderer.contentOf(CAPTIONS))).readAllBytes();
        assertStored(vtt, "lesson-3-fractions.vtt", "text/vtt", webVtt);
        assertThat(WebVttCues.parse(new String(bytesOf(vtt), StandardCharsets.UTF_8))).extracting(WebVttCues.Cue::text)
                .containsExactly("Welcome to the course.", "Let us begin.");
        assertStored(ready.parts().poster().orElseThrow(), "lesson-3-fractions-poster.jpg", "image/jpeg", kit.renderer.contentOf(POSTER));
        assertStored(ready.parts().preview().orElseThrow(), "lesson-3-fractions-preview.gif", "image/gif", kit.renderer.contentOf(PREVIEW));
        assertThat(ready.parts().media()).contains(FakeMediaFactsReader.FAKE_FACTS);
        assertThat(kit.storage.keys()).hasSize(5).containsExactlyInAnyOrderElementsOf(ready.storedKeys());
        assertThat(kit.unclaimed.entries()).as("every part claimed by the save that made it READY").isEmpty();
        assertThat(kit.renderer.downloads()).doesNotContain(CAPTIONED_VIDEO);
    }

    @Test
    void burnedInCaptionsKeepTheCaptionedCopyAsTheVideoAndNoCaptionFiles() throws Exception {
        AvatarVideo video = rendered(CaptionChoice.BURNED, EVERYTHING);

        assertThat(kit.ingester.ingestPending()).isEqualTo(1);

        AvatarVideo ready = kit.reload(video.id());
        assertStored(ready.file(), "lesson-3-fractions.mp4", "video/mp4", kit.renderer.contentOf(CAPTIONED_VIDEO));
        assertThat(ready.parts().captionsSrt()).isEmpty();
        assertThat(ready.parts().captionsVtt()).isEmpty();
        assertThat(ready.parts().poster()).isPresent();
        assertThat(ready.parts().preview()).isPresent();
        assertThat(kit.storage.keys()).hasSize(3).containsExactlyInAnyOrderElementsOf(ready.storedKeys());
        assertThat(kit.renderer.downloads()).doesNotContain(VIDEO, CAPTIONS);
    }

    @Test
    void bothKeepTheCaptionedCopyAsTheVideoAndTheCaptionFiles() throws Exception {
        AvatarVideo video = rendered(CaptionChoice.BOTH, EVERYTHING);

        assertThat(kit.ingester.ingestPending()).isEqualTo(1);

        AvatarVideo ready = kit.reload(video.id());
        assertStored(ready.file(), "lesson-3-fractions.mp4", "video/mp4", kit.renderer.contentOf(CAPTIONED_VIDEO));
        assertStored(ready.parts().captionsSrt().orElseThrow(), "lesson-3-fractions.srt", "application/x-subrip", kit.renderer.contentOf(CAPTIONS));
        assertThat(WebVttCues.parse(new String(bytesOf(ready.parts().captionsVtt().orElseThrow()), StandardCharsets.UTF_8))).hasSize(2);
        assertThat(kit.storage.keys()).hasSize(5).containsExactlyInAnyOrderElementsOf(ready.storedKeys());
    }

    @Test
    void withoutCaptionsNoCaptionFileIsKeptEvenWhenOneIsOffered() {
        AvatarVideo video = rendered(CaptionChoice.NONE, EVERYTHING);

        kit.ingester.ingestPending();

        AvatarVideo ready = kit.reload(video.id());
        assertThat(ready.status()).isEqualTo(VideoStatus.READY);
        assertThat(ready.parts().captionsSrt()).isEmpty();
        assertThat(kit.storage.keys()).hasSize(3).containsExactlyInAnyOrderElementsOf(ready.storedKeys());
        assertThat(kit.renderer.downloads()).containsExactly(VIDEO, POSTER, PREVIEW);
    }

    @Test
    void aRenderWithoutPosterOrPreviewIsKeptWithoutThem() {
        AvatarVideo video = rendered(CaptionChoice.SIDECAR, EnumSet.of(VIDEO, CAPTIONS));

        kit.ingester.ingestPending();

        AvatarVideo ready = kit.reload(video.id());
        assertThat(ready.status()).isEqualTo(VideoStatus.READY);
        assertThat(ready.parts().poster()).isEmpty();
        assertThat(ready.parts().preview()).isEmpty();
        assertThat(kit.storage.keys()).hasSize(3).containsExactlyInAnyOrderElementsOf(ready.storedKeys());
    }

    static Stream<Arguments> askedForButNotOffered() {
        return Stream.of(Arguments.of(CaptionChoice.SIDECAR, CAPTIONS, "the caption file"),
                Arguments.of(CaptionChoice.BOTH, CAPTIONS, "the caption file"),
                Arguments.of(CaptionChoice.BURNED, CAPTIONED_VIDEO, "burned in"),
                Arguments.of(CaptionChoice.BOTH, CAPTIONED_VIDEO, "burned in"));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("askedForButNotOffered")
    void aCaptionPartAskedForButNotOfferedIsNotReadyLeavesNothingAndIsAskedForAgain(CaptionChoice captions, Artefact missing, String named) {
        AvatarVideo video = rendered(captions, EnumSet.complementOf(EnumSet.of(missing)));

        assertThat(kit.ingester.ingestPending()).isZero();

        AvatarVideo waiting = kit.reload(video.id());
        assertThat(waiting.status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(waiting.pendingIngestRetry().orElseThrow().lastError()).contains(named);
        assertThat(kit.storage.keys()).isEmpty();
        assertThat(kit.unclaimed.entries()).isEmpty();

        kit.renderer.completeLesson(video.id(), EVERYTHING);
        kit.clock.advance(Duration.ofSeconds(10));
        assertThat(kit.ingester.ingestPending()).isEqualTo(1);
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.READY);
    }

    static Stream<Arguments> failingDownloads() {
        return EVERYTHING.stream().flatMap(artefact -> Stream.of(Failure.values()).map(failure -> Arguments.of(artefact, failure)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failingDownloads")
    void aFailedDownloadOfAnyPartLeavesNothingInStorageNorInTheLedger(Artefact artefact, Failure failure) {
        AvatarVideo video = rendered(artefact == CAPTIONED_VIDEO ? CaptionChoice.BOTH : CaptionChoice.SIDECAR, EVERYTHING);
        kit.renderer.failDownloadsOf(artefact, failure);

        assertThat(kit.ingester.ingestPending()).isZero();

        assertNothingLeftAndRetried(video);
    }

    @ParameterizedTest
    @ValueSource(strings = {".mp4", ".srt", ".vtt", "-poster.jpg", "-preview.gif"})
    void aFailedUploadOfAnyPartLeavesNothingInStorageNorInTheLedger(String fileNameEnd) {
        AvatarVideo video = rendered(CaptionChoice.SIDECAR, EVERYTHING);
        kit.storage.failNextStoreOf(fileNameEnd, new StorageFailureException("bucket unreachable while storing *" + fileNameEnd));

        assertThat(kit.ingester.ingestPending()).isZero();

        assertThat(kit.reload(video.id()).pendingIngestRetry().orElseThrow().lastError()).endsWith(fileNameEnd);
        assertNothingLeftAndRetried(video);
    }

    @Test
    void whileABurnedInCopyIsRetriedTheVideoPlaysFromTheRenderersCaptionedCopy() {
        AvatarVideo video = rendered(CaptionChoice.BURNED, EVERYTHING);
        kit.storage.failNextStoreOf(".mp4", new StorageFailureException("bucket unreachable"));

        kit.ingester.ingestPending();

        assertThat(kit.reload(video.id()).pendingIngestRetry().orElseThrow().temporaryUrl().getPath()).endsWith("-captioned.mp4");
    }

    @Test
    void aFailedFinalSaveLeavesNothingInStorageNorInTheLedger() {
        AvatarVideo video = rendered(CaptionChoice.BOTH, EVERYTHING);
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
        assertThat(kit.renderer.downloads()).as("every part was copied before the save failed").hasSize(4);
        kit.videos.beforeEachUpdate(v -> v);
        assertThat(kit.ingester.ingestPending()).isEqualTo(1);
        assertThat(kit.storage.keys()).hasSize(5);
    }

    @Test
    void aCrashBetweenPartsLeavesEveryStoredPartToTheSweeper() {
        AvatarVideo video = rendered(CaptionChoice.SIDECAR, EVERYTHING);
        kit.storage.failDeletes(new IllegalStateException("process killed"));
        kit.storage.failNextStoreOf("-preview.gif", new IllegalStateException("process killed"));

        kit.ingester.ingestPending();

        assertThat(kit.storage.keys()).as("video, SRT, WebVTT and poster were stored").hasSize(4);
        assertThat(kit.unclaimed.entries()).extracting(UnclaimedObject::key).containsAll(kit.storage.keys());
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.INGESTING);
        kit.storage.deletesWork();
        kit.clock.advance(ServiceTestKit.UPLOAD_GRACE);
        kit.sweeper.sweepOnce();
        assertThat(kit.storage.keys()).isEmpty();
        assertThat(kit.unclaimed.entries()).isEmpty();
    }

    @Test
    void deletingAReadyVideoPurgesEveryPart() {
        AvatarVideo video = rendered(CaptionChoice.SIDECAR, EVERYTHING);
        kit.ingester.ingestPending();
        AvatarVideo other = rendered(CaptionChoice.BURNED, EVERYTHING);
        kit.ingester.ingestPending();
        List<StorageKey> others = kit.reload(other.id()).storedKeys();
        assertThat(kit.storage.keys()).hasSize(8);

        assertThat(new VideoDeleter(kit.videos, kit.files, kit.transactions).delete(ServiceTestKit.TENANT, video.id())).isTrue();

        assertThat(kit.storage.keys()).containsExactlyInAnyOrderElementsOf(others);
        assertThat(kit.unclaimed.entries()).isEmpty();
    }

    @Test
    void aVideoWhoseMediaFactsCannotBeReadIsReadyWithoutThem() {
        kit.mediaFacts.failReadsWith(new UnreadableMediaException("no moov box"));
        AvatarVideo video = rendered(CaptionChoice.SIDECAR, EVERYTHING);

        assertThat(kit.ingester.ingestPending()).isEqualTo(1);

        AvatarVideo ready = kit.reload(video.id());
        assertThat(ready.status()).isEqualTo(VideoStatus.READY);
        assertThat(ready.parts().media()).isEmpty();
        assertThat(ready.parts().files()).hasSize(4);
        assertThat(kit.storage.keys()).hasSize(5);
    }

    @Test
    void aStorageFailureWhileReadingMediaFactsIsRetriedLikeAnyCopyFailure() {
        kit.mediaFacts.failReadsWith(new StorageFailureException("range read timed out"));
        AvatarVideo video = rendered(CaptionChoice.SIDECAR, EVERYTHING);

        assertThat(kit.ingester.ingestPending()).isZero();

        kit.mediaFacts.failReadsWith(null);
        assertNothingLeftAndRetried(video);
        assertThat(kit.reload(video.id()).parts().media()).contains(FakeMediaFactsReader.FAKE_FACTS);
    }

    /** Not READY, nothing stored nor in the ledger; once the fault is gone, the next attempt makes it READY with every part. */
    private void assertNothingLeftAndRetried(AvatarVideo video) {
        AvatarVideo waiting = kit.reload(video.id());
        assertThat(waiting.status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(waiting.ingestAttempts()).isEqualTo(1);
        assertThat(kit.storage.keys()).isEmpty();
        assertThat(kit.unclaimed.entries()).isEmpty();

        kit.renderer.downloadsWork();
        kit.clock.advance(Duration.ofSeconds(10));
        assertThat(kit.ingester.ingestPending()).isEqualTo(1);
        AvatarVideo ready = kit.reload(video.id());
        assertThat(ready.status()).isEqualTo(VideoStatus.READY);
        assertThat(kit.storage.keys()).containsExactlyInAnyOrderElementsOf(ready.storedKeys());
        assertThat(kit.unclaimed.entries()).isEmpty();
    }

    private void assertStored(StoredFile file, String name, String type, byte[] expected) throws Exception {
        byte[] stored = bytesOf(file);
        assertThat(stored).as(name).isEqualTo(expected);
        assertThat(file.fileName()).isEqualTo(name);
        assertThat(file.fileType()).as(name).isEqualTo(type);
        assertThat(file.fileSize()).as(name).isEqualTo(stored.length);
        assertThat(file.checksum()).as(name).isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));
        assertThat(file.storagePath().tenant()).isEqualTo(ServiceTestKit.TENANT);
    }

    private byte[] bytesOf(StoredFile file) {
        try (InputStream in = kit.storage.open(file.storagePath()).orElseThrow().content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
