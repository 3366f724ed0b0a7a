package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.VideoPage;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.IngestRetry;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SceneBackground;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.VoiceSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Videos} implementation must do. Each implementation's test extends this class; the in-memory
 * fake and the database adapter pass the same tests.
 */
public abstract class VideosContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

    private Videos videos;
    private TenantId tenant;
    private TenantId otherTenant;

    /** A fresh, empty repository (or one whose other contents cannot collide with random tenants). */
    protected abstract Videos newVideos();

    @BeforeEach
    void setUpRepository() {
        videos = newVideos();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tenant = TenantId.of("t-" + suffix);
        otherTenant = TenantId.of("o-" + suffix);
    }

    @Test
    void keepsEveryFieldOfANewVideo() {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, "Lesson 1 – intro ✓",
                List.of(new Scene("a1", "v1", "Hello"), new Scene("a2", "v2", "Line two\nwith a break")),
                Resolution.P1080, AspectRatio.PORTRAIT_9_16, T0);

        videos.add(video);

        assertThat(videos.find(tenant, video.id())).contains(video);
        assertThat(videos.findById(video.id())).contains(video);
    }

    @Test
    void keepsVoiceSettingsBackgroundsAndCaptions() {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, null, List.of(
                        new Scene("a1", "v1", "Hello", Optional.of(new VoiceSettings(1.25, -10, 0.8, Optional.of("en-GB"))),
                                Optional.of(new SceneBackground.Color("#102030"))),
                        new Scene("a2", "v2", "Bye", Optional.empty(), Optional.of(SceneBackground.Image.of("https://cdn.example/room.jpg")))),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, dev.avatarvideo.domain.CaptionChoice.BOTH, T0);

        videos.add(video);
        AvatarVideo rendering = videos.update(videos.findById(video.id()).orElseThrow().startRendering(new RenderId("r-options"), T0));

        assertThat(videos.findById(video.id())).contains(rendering);
        assertThat(rendering.captions()).isEqualTo(dev.avatarvideo.domain.CaptionChoice.BOTH);
        assertThat(rendering.scenes()).isEqualTo(video.scenes());
    }

    @Test
    void refusesTheSameIdTwice() {
        AvatarVideo video = newVideo(T0);
        videos.add(video);

        assertThatThrownBy(() -> videos.add(video)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void keepsAReadyVideoWithItsFileAndAFailedOneWithItsReason() {
        AvatarVideo ready = newVideo(T0);
        videos.add(ready);
        AvatarVideo rendering = videos.update(ready.startRendering(new RenderId("hg-1"), T0.plusSeconds(1)));
        AvatarVideo ingesting = videos.update(rendering.startIngesting(T0.plusSeconds(2)).ingestAttemptFailed(retry(T0.plusSeconds(30)), T0.plusSeconds(3)));
        AvatarVideo savedReady = videos.update(ingesting.markReady(file(tenant), T0.plusSeconds(4)));

        AvatarVideo failing = newVideo(T0);
        videos.add(failing);
        AvatarVideo savedFailed = videos.update(failing.fail(new VideoFailure("render_failed", "The avatar could not be found"), T0.plusSeconds(5)));

        assertThat(videos.find(tenant, ready.id())).contains(savedReady);
        assertThat(savedReady.ingestAttempts()).isEqualTo(1);
        assertThat(videos.find(tenant, failing.id())).contains(savedFailed);
    }

    @Test
    void anotherTenantsVideoIsNotFound() {
        AvatarVideo video = newVideo(T0);
        videos.add(video);

        assertThat(videos.find(otherTenant, video.id())).isEmpty();
        assertThat(videos.find(tenant, VideoId.newId())).isEmpty();
    }

    @Test
    void updatesCountVersionsAndRefuseStaleChanges() {
        AvatarVideo video = newVideo(T0);
        videos.add(video);

        AvatarVideo rendering = videos.update(video.startRendering(new RenderId("hg-2"), T0.plusSeconds(1)));

        assertThat(rendering.version()).isEqualTo(video.version() + 1);
        assertThat(videos.findById(video.id()).orElseThrow().version()).isEqualTo(rendering.version());
        assertThatThrownBy(() -> videos.update(video.fail(new VideoFailure("x", "stale"), T0.plusSeconds(2))))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(videos.findById(video.id()).orElseThrow().status()).isEqualTo(VideoStatus.RENDERING);
    }

    @Test
    void updatingAVideoThatWasNeverAddedIsAConflict() {
        assertThatThrownBy(() -> videos.update(newVideo(T0).fail(new VideoFailure("x", "y"), T0)))
                .isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void listsNewestFirstInStablePagesForOneTenantOnly() {
        List<AvatarVideo> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AvatarVideo v = newVideo(T0.plusSeconds(i));
            videos.add(v);
            created.add(v);
        }
        AvatarVideo sameInstantA = newVideo(T0.plusSeconds(3));
        videos.add(sameInstantA);
        created.add(sameInstantA);
        videos.add(AvatarVideo.request(VideoId.newId(), otherTenant, null, List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.SQUARE, T0.plusSeconds(100)));

        List<AvatarVideo> seen = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        int pages = 0;
        do {
            VideoPage page = videos.list(tenant, 3, cursor);
            assertThat(page.videos()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page.videos());
            cursor = page.next();
            pages++;
        } while (cursor.isPresent() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(AvatarVideo::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(created.stream().map(AvatarVideo::id).toList());
        assertThat(seen).extracting(AvatarVideo::createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void keepsAFailedCopysTemporaryAddressAndBackOff() {
        AvatarVideo video = newVideo(T0);
        videos.add(video);
        AvatarVideo ingesting = videos.update(video.startRendering(new RenderId("hg-" + video.id()), T0).startIngesting(T0.plusSeconds(1)));

        AvatarVideo waiting = videos.update(ingesting.ingestAttemptFailed(retry(T0.plusSeconds(40)), T0.plusSeconds(2)));

        assertThat(videos.findById(video.id())).contains(waiting);
        assertThat(waiting.pendingIngestRetry()).hasValueSatisfying(r -> {
            assertThat(r.temporaryUrl()).isEqualTo(URI.create("https://renderer.example/v.mp4?Expires=1&Signature=abc"));
            assertThat(r.lastError()).isEqualTo("bucket unreachable");
        });
    }

    @Test
    void findsSeveralVideosAtOnceButOnlyTheTenantsOwn() {
        AvatarVideo first = newVideo(T0);
        AvatarVideo second = newVideo(T0);
        AvatarVideo foreign = AvatarVideo.request(VideoId.newId(), otherTenant, null, List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.SQUARE, T0);
        List.of(first, second, foreign).forEach(videos::add);

        List<AvatarVideo> found = videos.findAll(tenant, List.of(first.id(), second.id(), foreign.id(), VideoId.newId(), first.id()));

        assertThat(found).containsExactlyInAnyOrder(first, second);
        assertThat(videos.findAll(tenant, List.of())).isEmpty();
    }

    @Test
    void keepsEveryLessonPartOfAReadyVideoAndItsMediaFactsExactly() {
        LessonParts parts = everyPart(tenant, T0.plusSeconds(4));
        AvatarVideo ready = ready(newVideo(T0), parts);

        assertThat(videos.findById(ready.id())).contains(ready);
        assertThat(videos.find(tenant, ready.id())).contains(ready);
        assertThat(videos.list(tenant, 10, Optional.empty()).videos()).containsExactly(ready);
        assertThat(videos.findAll(tenant, List.of(ready.id()))).containsExactly(ready);
        LessonParts read = videos.findById(ready.id()).orElseThrow().parts();
        assertThat(read.files()).hasSize(4).isEqualTo(parts.files());
        assertThat(read.media()).contains(parts.media().orElseThrow());
        assertThat(read.media().orElseThrow().duration().toNanos()).isEqualTo(61_533_366_700L);
        assertThat(read.media().orElseThrow().framesPerSecond()).isEqualTo(30000.0 / 1001);
    }

    @Test
    void keepsWhicheverPartsWereStoredAndNoneForAVideoThatKeptNone() {
        StoredFile poster = part(tenant, "lesson-poster.jpg", "image/jpeg", T0);
        LessonParts posterAndSilentFacts = new LessonParts(Optional.empty(), Optional.empty(), Optional.of(poster), Optional.empty(),
                Optional.of(new MediaFacts(Duration.ofSeconds(3), 720, 1280, "hevc", Optional.empty(), 24, 400_000)));
        LessonParts captionsOnly = new LessonParts(Optional.of(part(tenant, "lesson.srt", "application/x-subrip", T0)),
                Optional.of(part(tenant, "lesson.vtt", "text/vtt", T0)), Optional.empty(), Optional.empty(), Optional.empty());

        AvatarVideo withPoster = ready(newVideo(T0), posterAndSilentFacts);
        AvatarVideo withCaptions = ready(newVideo(T0.plusSeconds(1)), captionsOnly);
        AvatarVideo withNone = ready(newVideo(T0.plusSeconds(2)), LessonParts.NONE);

        assertThat(videos.findAll(tenant, List.of(withPoster.id(), withCaptions.id(), withNone.id())))
                .containsExactlyInAnyOrder(withPoster, withCaptions, withNone);
        assertThat(videos.findById(withPoster.id()).orElseThrow().parts()).isEqualTo(posterAndSilentFacts);
        assertThat(videos.findById(withCaptions.id()).orElseThrow().parts()).isEqualTo(captionsOnly);
        assertThat(videos.findById(withNone.id()).orElseThrow().parts()).isEqualTo(LessonParts.NONE);
    }

    @Test
    void deletingAVideoAnswersTheKeysOfItsFileAndOfEveryPart() {
        AvatarVideo ready = ready(newVideo(T0), everyPart(tenant, T0.plusSeconds(4)));
        AvatarVideo bare = ready(newVideo(T0), LessonParts.NONE);
        AvatarVideo queued = newVideo(T0);
        videos.add(queued);

        assertThat(videos.delete(otherTenant, ready.id())).as("another tenant's video").isEmpty();
        assertThat(videos.delete(tenant, ready.id())).hasValueSatisfying(removed ->
                assertThat(removed.files()).hasSize(5).containsExactlyInAnyOrderElementsOf(ready.storedKeys()));
        assertThat(videos.delete(tenant, bare.id())).hasValueSatisfying(removed ->
                assertThat(removed.files()).containsExactly(bare.file().storagePath()));
        assertThat(videos.delete(tenant, queued.id())).hasValueSatisfying(removed -> assertThat(removed.files()).isEmpty());
        assertThat(videos.findById(ready.id())).isEmpty();
        assertThat(videos.delete(tenant, ready.id())).as("already gone").isEmpty();
    }

    /** Every part a lesson can keep, stored under the tenant, with facts whose duration and frame rate are not round. */
    public static LessonParts everyPart(TenantId tenant, Instant at) {
        return new LessonParts(
                Optional.of(part(tenant, "lesson.srt", "application/x-subrip", at)),
                Optional.of(part(tenant, "lesson.vtt", "text/vtt", at)),
                Optional.of(part(tenant, "lesson-poster.jpg", "image/jpeg", at)),
                Optional.of(part(tenant, "lesson-preview.gif", "image/gif", at)),
                Optional.of(new MediaFacts(Duration.ofNanos(61_533_366_700L), 1920, 1080, "h264", Optional.of("aac"), 30000.0 / 1001,
                        2_345_678)));
    }

    private static StoredFile part(TenantId tenant, String name, String type, Instant at) {
        StorageKey key = StorageKey.newFor(tenant, name);
        return new StoredFile(URI.create("https://files.example/" + key), name, name.length() * 1000L, type, key, at,
                "sha256:" + Integer.toHexString(name.hashCode() & 0xf).repeat(64), "filesystem");
    }

    /** The video added, rendered, copied and READY with these parts, as the repository answered the last change. */
    private AvatarVideo ready(AvatarVideo requested, LessonParts parts) {
        videos.add(requested);
        AvatarVideo ingesting = videos.update(requested.startRendering(new RenderId("hg-" + requested.id()), requested.createdAt())
                .startIngesting(requested.createdAt().plusSeconds(1)));
        return videos.update(ingesting.markReady(file(tenant), parts, requested.createdAt().plusSeconds(2)));
    }

    private static IngestRetry retry(Instant nextAttemptAt) {
        return new IngestRetry(URI.create("https://renderer.example/v.mp4?Expires=1&Signature=abc"), T0.plus(7, ChronoUnit.DAYS),
                nextAttemptAt, "bucket unreachable");
    }

    private AvatarVideo newVideo(Instant createdAt) {
        return AvatarVideo.request(VideoId.newId(), tenant, "Video at " + createdAt,
                List.of(new Scene("sim-avatar-anna", "sim-voice-en-1", "Hi")), Resolution.P720,
                AspectRatio.LANDSCAPE_16_9, createdAt.truncatedTo(ChronoUnit.MICROS));
    }

    private static StoredFile file(TenantId tenant) {
        StorageKey key = StorageKey.newFor(tenant, "x.mp4");
        return new StoredFile(URI.create("http://localhost:8080/files/" + key), "lesson-1.mp4", 98_765, "video/mp4", key,
                T0.plusSeconds(4), "sha256:" + "0f".repeat(32), "filesystem");
    }
}
