package dev.avatarvideo.domain;

import static dev.avatarvideo.domain.DomainFixtures.T0;
import static dev.avatarvideo.domain.DomainFixtures.TENANT;
import static dev.avatarvideo.domain.DomainFixtures.queued;
import static dev.avatarvideo.domain.DomainFixtures.scene;
import static dev.avatarvideo.domain.DomainFixtures.storedFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvatarVideoTest {

    private final RenderId renderId = new RenderId("hg-123");

    @Test
    void walksTheHappyPathFromQueuedToReady() {
        AvatarVideo queued = queued();
        AvatarVideo rendering = queued.startRendering(renderId, T0.plusSeconds(1));
        AvatarVideo ingesting = rendering.startIngesting(T0.plusSeconds(90));
        AvatarVideo ready = ingesting.markReady(storedFile(TENANT), T0.plusSeconds(95));

        assertThat(queued.status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(rendering.status()).isEqualTo(VideoStatus.RENDERING);
        assertThat(rendering.assignedRenderId()).contains(renderId);
        assertThat(ingesting.status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(ready.status()).isEqualTo(VideoStatus.READY);
        assertThat(ready.storedFile()).isPresent();
        assertThat(ready.updatedAt()).isEqualTo(T0.plusSeconds(95));
        assertThat(ready.createdAt()).isEqualTo(T0);
    }

    @Test
    void everyInFlightStatusCanFailWithAReason() {
        AvatarVideo queued = queued();
        VideoFailure reason = new VideoFailure("render_failed", "avatar not found");

        assertThat(queued.fail(reason, T0).failureReason()).contains(reason);
        assertThat(queued.startRendering(renderId, T0).fail(reason, T0).status()).isEqualTo(VideoStatus.FAILED);
        assertThat(queued.startRendering(renderId, T0).startIngesting(T0).fail(reason, T0).status()).isEqualTo(VideoStatus.FAILED);
    }

    @Test
    void refusesToSkipOrReverseSteps() {
        AvatarVideo queued = queued();
        AvatarVideo ready = queued.startRendering(renderId, T0).startIngesting(T0).markReady(storedFile(TENANT), T0);
        AvatarVideo failed = queued.fail(new VideoFailure("x", "y"), T0);

        assertThatThrownBy(() -> queued.startIngesting(T0)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("QUEUED").hasMessageContaining("INGESTING");
        assertThatThrownBy(() -> queued.markReady(storedFile(TENANT), T0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> ready.startRendering(renderId, T0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> ready.fail(new VideoFailure("x", "y"), T0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> failed.startRendering(renderId, T0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> queued.ingestAttemptFailed(retry(T0), T0)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void refusesAFileStoredUnderAnotherTenant() {
        AvatarVideo ingesting = queued().startRendering(renderId, T0).startIngesting(T0);

        assertThatThrownBy(() -> ingesting.markReady(storedFile(TenantId.of("other")), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
    }

    @Test
    void cannotBeConstructedInAStateTheLifecycleNeverProduces() {
        AvatarVideo q = queued();
        assertThatThrownBy(() -> new AvatarVideo(q.id(), TENANT, null, q.scenes(), q.resolution(), q.aspectRatio(),
                VideoStatus.READY, renderId, null, null, 0, null, T0, T0, 0))
                .hasMessageContaining("stored file exists exactly when it is READY");
        assertThatThrownBy(() -> new AvatarVideo(q.id(), TENANT, null, q.scenes(), q.resolution(), q.aspectRatio(),
                VideoStatus.RENDERING, null, null, null, 0, null, T0, T0, 0))
                .hasMessageContaining("no render id");
        assertThatThrownBy(() -> new AvatarVideo(q.id(), TENANT, null, q.scenes(), q.resolution(), q.aspectRatio(),
                VideoStatus.FAILED, null, null, null, 0, null, T0, T0, 0))
                .hasMessageContaining("failure reason exists exactly when it is FAILED");
    }

    @Test
    void namesTheFieldWhenScenesAreMissingOrTooMany() {
        assertThatThrownBy(() -> AvatarVideo.request(VideoId.newId(), TENANT, null, List.of(), Resolution.P720, AspectRatio.SQUARE, T0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("scenes"));
        List<Scene> fiftyOne = Collections.nCopies(51, scene());
        assertThatThrownBy(() -> AvatarVideo.request(VideoId.newId(), TENANT, null, fiftyOne, Resolution.P720, AspectRatio.SQUARE, T0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("at most 50"));
        assertThat(AvatarVideo.request(VideoId.newId(), TENANT, null, Collections.nCopies(50, scene()), Resolution.P720,
                AspectRatio.SQUARE, T0).scenes()).hasSize(50);
    }

    @Test
    void blankTitlesBecomeNoTitleAndLongOnesAreRefused() {
        assertThat(AvatarVideo.request(VideoId.newId(), TENANT, "   ", List.of(scene()), Resolution.P720, AspectRatio.SQUARE, T0).title()).isNull();
        assertThat(AvatarVideo.request(VideoId.newId(), TENANT, "  Intro ", List.of(scene()), Resolution.P720, AspectRatio.SQUARE, T0).title()).isEqualTo("Intro");
        assertThatThrownBy(() -> AvatarVideo.request(VideoId.newId(), TENANT, "x".repeat(256), List.of(scene()), Resolution.P720, AspectRatio.SQUARE, T0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("title"));
    }

    @Test
    void historyNeverRunsBackwardsWhenAnotherMachinesClockLags() {
        AvatarVideo rendering = queued().startRendering(renderId, T0.plusSeconds(10));
        AvatarVideo ingesting = rendering.startIngesting(T0.plusSeconds(5));

        assertThat(ingesting.updatedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void countsFailedIngestAttemptsWithoutLeavingIngestingAndWaitsOutTheBackOff() {
        AvatarVideo ingesting = queued().startRendering(renderId, T0).startIngesting(T0);

        AvatarVideo twiceFailed = ingesting.ingestAttemptFailed(retry(T0.plusSeconds(10)), T0)
                .ingestAttemptFailed(retry(T0.plusSeconds(30)), T0.plusSeconds(10));

        assertThat(twiceFailed.status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(twiceFailed.ingestAttempts()).isEqualTo(2);
        assertThat(twiceFailed.pendingIngestRetry()).hasValueSatisfying(r -> assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(30)));
        assertThat(ingesting.dueForIngestAt(T0)).isTrue();
        assertThat(twiceFailed.dueForIngestAt(T0.plusSeconds(29))).isFalse();
        assertThat(twiceFailed.dueForIngestAt(T0.plusSeconds(30))).isTrue();
    }

    @Test
    void leavingIngestingEndsTheWaitAndOnlyIngestingVideosMayWait() {
        AvatarVideo waiting = queued().startRendering(renderId, T0).startIngesting(T0).ingestAttemptFailed(retry(T0.plusSeconds(10)), T0);

        assertThat(waiting.markReady(storedFile(TENANT), T0.plusSeconds(10)).pendingIngestRetry()).isEmpty();
        assertThat(waiting.fail(new VideoFailure("ingest_expired", "too late"), T0.plusSeconds(10)).pendingIngestRetry()).isEmpty();
        AvatarVideo q = queued();
        assertThatThrownBy(() -> new AvatarVideo(q.id(), TENANT, null, q.scenes(), q.resolution(), q.aspectRatio(),
                VideoStatus.RENDERING, renderId, null, null, 1, retry(T0), T0, T0, 0))
                .hasMessageContaining("only an INGESTING video");
        assertThat(queued().dueForIngestAt(T0)).isFalse();
    }

    @Test
    void anIngestRetryExpiresWithTheRenderersAddress() {
        IngestRetry retry = new IngestRetry(java.net.URI.create("https://renderer.example/v.mp4?sig=1"), T0.plusSeconds(60), T0, "x".repeat(5000));

        assertThat(retry.expiredAt(T0.plusSeconds(59))).isFalse();
        assertThat(retry.expiredAt(T0.plusSeconds(60))).isTrue();
        assertThat(retry.lastError()).hasSize(IngestRetry.MAX_ERROR_LENGTH);
    }

    private static IngestRetry retry(java.time.Instant nextAttemptAt) {
        return new IngestRetry(java.net.URI.create("https://renderer.example/v.mp4?sig=1"), T0.plusSeconds(3600), nextAttemptAt, "bucket unreachable");
    }
}
