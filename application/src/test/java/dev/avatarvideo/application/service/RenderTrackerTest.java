package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.port.out.VideoRenderer.RenderStatus;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderTrackerTest {

    @Test
    void asksForStatusesInBatchesNotOneCallPerVideo() {
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(100));
        for (int i = 0; i < 250; i++) {
            kit.request("v" + i);
        }
        kit.submitter.submitQueued();
        kit.submitter.submitQueued();
        kit.submitter.submitQueued();
        kit.submitter.submitQueued();
        kit.submitter.submitQueued();
        assertThat(kit.videos.inStatus(VideoStatus.RENDERING, 1000)).hasSize(250);

        kit.tracker.trackOnce();

        assertThat(kit.renderer.statusBatches()).extracting(List::size).containsExactly(100, 100, 50);
    }

    @Test
    void movesCompletedRendersToIngestAndFailedOnesToFailed() {
        ServiceTestKit kit = new ServiceTestKit();
        AvatarVideo done = kit.request("done");
        AvatarVideo broken = kit.request("broken");
        AvatarVideo busy = kit.request("busy");
        kit.submitter.submitQueued();
        kit.renderer.completeRender(done.id());
        VideoFailure reason = new VideoFailure("MOVIO_PAYMENT_INSUFFICIENT_CREDIT", "not enough credit");
        kit.renderer.reportStatus(broken.id(), new RenderStatus.Failed(reason));
        kit.renderer.reportStatus(busy.id(), new RenderStatus.Processing());

        int changed = kit.tracker.trackOnce();

        assertThat(changed).isEqualTo(2);
        assertThat(kit.reload(done.id()).status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(kit.reload(broken.id()).failure()).isEqualTo(reason);
        assertThat(kit.reload(busy.id()).status()).isEqualTo(VideoStatus.RENDERING);
    }

    @Test
    void notFoundJustAfterSubmissionMeansNotVisibleYetButLaterItFails() {
        ServiceTestKit kit = new ServiceTestKit();
        AvatarVideo video = kit.request("lagging");
        kit.submitter.submitQueued();
        kit.renderer.reportStatus(video.id(), new RenderStatus.NotFound());

        kit.clock.advance(Duration.ofSeconds(30));
        kit.tracker.trackOnce();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.RENDERING);

        kit.clock.advance(TrackingPolicy.DEFAULT.notFoundGrace());
        kit.tracker.trackOnce();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.FAILED);
        assertThat(kit.reload(video.id()).failure().code()).isEqualTo("render_not_found");
    }

    @Test
    void givesUpAtTheRenderDeadlineInsteadOfPollingForever() {
        ServiceTestKit kit = new ServiceTestKit();
        AvatarVideo video = kit.request("slow");
        kit.submitter.submitQueued();
        kit.renderer.reportStatus(video.id(), new RenderStatus.Processing());

        kit.clock.advance(TrackingPolicy.DEFAULT.renderDeadline().minusSeconds(1));
        kit.tracker.trackOnce();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.RENDERING);

        kit.clock.advance(Duration.ofSeconds(2));
        kit.tracker.trackOnce();
        AvatarVideo failed = kit.reload(video.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failure().code()).isEqualTo("render_deadline_exceeded");
        assertThat(failed.failure().message()).contains("PT2H");
    }

    @Test
    void anUnavailableRendererChangesNothing() {
        ServiceTestKit kit = new ServiceTestKit();
        List<AvatarVideo> requested = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requested.add(kit.request("v" + i));
        }
        kit.submitter.submitQueued();
        requested.forEach(v -> kit.renderer.reportStatus(v.id(), new RenderStatus.Unavailable("HTTP 503")));

        assertThat(kit.tracker.trackOnce()).isZero();
        requested.forEach(v -> assertThat(kit.reload(v.id()).status()).isEqualTo(VideoStatus.RENDERING));
    }

    @Test
    void aRateLimitedRoundStopsAndTrackingWaitsAsLongAsTheRendererAsks() {
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(2));
        List<AvatarVideo> requested = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requested.add(kit.request("v" + i));
        }
        kit.submitter.submitQueued();
        requested.forEach(v -> kit.renderer.reportStatus(v.id(), new RenderStatus.RateLimited(Duration.ofSeconds(20))));

        kit.tracker.trackOnce();
        assertThat(kit.renderer.statusBatches()).as("the second batch is not asked for").hasSize(1);

        kit.clock.advance(Duration.ofSeconds(19));
        kit.tracker.trackOnce();
        assertThat(kit.renderer.statusBatches()).hasSize(1);

        requested.forEach(v -> kit.renderer.completeRender(v.id()));
        kit.clock.advance(Duration.ofSeconds(1));
        assertThat(kit.tracker.trackOnce()).isEqualTo(4);
        requested.forEach(v -> assertThat(kit.reload(v.id()).status()).isEqualTo(VideoStatus.INGESTING));
    }

    @Test
    void aRefusedKeyWhileTrackingFailsNothingBeforeTheDeadline() {
        ServiceTestKit kit = new ServiceTestKit();
        AvatarVideo video = kit.request("orphaned");
        kit.submitter.submitQueued();
        kit.renderer.reportStatus(video.id(), new RenderStatus.KeyRejected("Invalid or missing API key"));

        kit.clock.advance(Duration.ofMinutes(30));
        assertThat(kit.tracker.trackOnce()).isZero();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.RENDERING);

        kit.clock.advance(TrackingPolicy.DEFAULT.renderDeadline());
        kit.tracker.trackOnce();
        assertThat(kit.reload(video.id()).failure().code()).isEqualTo("render_deadline_exceeded");
    }
}
