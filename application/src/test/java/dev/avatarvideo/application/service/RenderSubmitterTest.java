package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RenderSubmitterTest {

    private final ServiceTestKit kit = new ServiceTestKit();

    @Test
    void submitsQueuedVideosAndRecordsTheRenderersId() {
        AvatarVideo first = kit.request("one");
        AvatarVideo second = kit.request("two");

        int changed = kit.submitter.submitQueued();

        assertThat(changed).isEqualTo(2);
        assertThat(kit.reload(first.id()).status()).isEqualTo(VideoStatus.RENDERING);
        assertThat(kit.reload(first.id()).renderId()).isEqualTo(kit.renderer.renderOf(first.id()));
        assertThat(kit.reload(second.id()).status()).isEqualTo(VideoStatus.RENDERING);
        assertThat(kit.submitter.submitQueued()).isZero();
        assertThat(kit.renderer.submissions()).hasSize(2);
    }

    @Test
    void aRejectedRequestFailsTheVideoWithTheRenderersReason() {
        AvatarVideo video = kit.request("bad avatar");
        VideoFailure reason = new VideoFailure("invalid_parameter", "avatar_id: avatar look not found");
        kit.renderer.onSubmit(v -> new SubmitOutcome.Rejected(reason));

        kit.submitter.submitQueued();

        AvatarVideo failed = kit.reload(video.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(reason);
    }

    @Test
    void whenTheRendererAsksToWaitTheRoundStopsAndNothingIsLost() {
        AvatarVideo first = kit.request("one");
        AvatarVideo second = kit.request("two");
        kit.renderer.onSubmit(v -> new SubmitOutcome.RetryLater(Duration.ofSeconds(30), "rate_limit_exceeded"));

        int changed = kit.submitter.submitQueued();

        assertThat(changed).isZero();
        assertThat(kit.renderer.submissions()).hasSize(1);
        assertThat(kit.reload(first.id()).status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(kit.reload(second.id()).status()).isEqualTo(VideoStatus.QUEUED);
    }
}
