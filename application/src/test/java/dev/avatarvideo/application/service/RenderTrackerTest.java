package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.ProcessingMode;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import java.time.Instant;
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
        for (int round = 0; round < 5; round++) {
            kit.submitter.submitQueued();
        }
        assertThat(kit.videosIn(VideoStatus.RENDERING)).isEqualTo(250);
        kit.untilFirstCheck();

        kit.tracker.trackOnce();

        assertThat(kit.renderer.statusBatches()).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(kit.calls.of(RendererCallCounts.Call.STATUS_BULK)).isEqualTo(3);
    }

    @Test
    void asksNothingBeforeTheFirstCheckIsDue() {
        ServiceTestKit kit = new ServiceTestKit();
        kit.request("fresh");
        kit.submitter.submitQueued();

        kit.clock.advance(kit.policy.firstCheck().minusMillis(1));

        assertThat(kit.tracker.trackOnce()).isZero();
        assertThat(kit.renderer.statusBatches()).isEmpty();
    }

    @Test
    void checksEverLessOftenUpToTheLongestInterval() {
        ServiceTestKit kit = new ServiceTestKit();
        AvatarVideo video = kit.request("long render");
        kit.submitter.submitQueued();
        Instant submitted = kit.clock.now();
        kit.renderer.reportStatus(video.id(), new RenderStatus.Processing());

        List<Long> checkedAtSeconds = new ArrayList<>();
        for (int second = 1; second <= 40 * 60; second++) {
            kit.clock.advance(Duration.ofSeconds(1));
            int before = kit.renderer.statusBatches().size();
            kit.tracker.trackOnce();
            if (kit.renderer.statusBatches().size() > before) {
                checkedAtSeconds.add(Duration.between(submitted, kit.clock.now()).toSeconds());
            }
        }

        // 30 s, then each wait 1.5 times the one before (45, 67.5, 101, 152, 228 s), then every 5 minutes; a look
        // falls on the first whole second of this test's clock at or after it is due.
        assertThat(checkedAtSeconds).containsExactly(30L, 75L, 143L, 245L, 397L, 625L, 925L, 1225L, 1525L, 1825L, 2125L);
    }

    @Test
    void aCallThatIsMadeAnywayCarriesRendersThatAreNotDueYet() {
        ServiceTestKit kit = new ServiceTestKit();
        AvatarVideo early = kit.request("early");
        kit.submitter.submitQueued();
        kit.clock.advance(Duration.ofSeconds(10));
        AvatarVideo later = kit.request("later");
        kit.submitter.submitQueued();
        kit.renderer.reportStatus(early.id(), new RenderStatus.Processing());
        kit.renderer.completeRender(later.id());

        kit.clock.advance(Duration.ofSeconds(20));
        kit.tracker.trackOnce();

        assertThat(kit.renderer.statusBatches()).as("one call, both renders")
                .containsExactly(List.of(kit.renderer.renderOf(early.id()), kit.renderer.renderOf(later.id())));
        assertThat(kit.reload(later.id()).status()).as("finished before its own check was due").isEqualTo(VideoStatus.INGESTING);
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
        kit.untilFirstCheck();

        int changed = kit.tracker.trackOnce();

        assertThat(changed).isEqualTo(2);
        assertThat(kit.reload(done.id()).status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(kit.reload(broken.id()).failure()).isEqualTo(reason);
        assertThat(kit.reload(busy.id()).status()).isEqualTo(VideoStatus.RENDERING);
        assertThat(kit.work.isClaimed(busy.id())).as("the claim ends with the round").isFalse();
        assertThat(kit.work.nextCheckAt(busy.id())).contains(kit.clock.now().plus(kit.policy.interval(1)));
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
        assertThat(kit.work.nextCheckAt(video.id())).as("the last look is at the deadline")
                .contains(kit.clock.now().plusSeconds(1));

        kit.clock.advance(Duration.ofSeconds(1));
        kit.tracker.trackOnce();
        AvatarVideo failed = kit.reload(video.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failure().code()).isEqualTo("render_deadline_exceeded");
        assertThat(failed.failure().message()).contains("PT2H").contains("processing");
    }

    @Test
    void anUnavailableRendererChangesNothingAndIsAskedAgainLater() {
        ServiceTestKit kit = new ServiceTestKit();
        List<AvatarVideo> requested = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requested.add(kit.request("v" + i));
        }
        kit.submitter.submitQueued();
        requested.forEach(v -> kit.renderer.reportStatus(v.id(), new RenderStatus.Unavailable("HTTP 503")));
        kit.untilFirstCheck();

        assertThat(kit.tracker.trackOnce()).isZero();
        requested.forEach(v -> assertThat(kit.reload(v.id()).status()).isEqualTo(VideoStatus.RENDERING));

        requested.forEach(v -> kit.renderer.completeRender(v.id()));
        kit.clock.advance(kit.policy.interval(0));
        assertThat(kit.tracker.trackOnce()).isEqualTo(3);
    }

    @Test
    void aRateLimitedCheckWaitsAsLongAsTheRendererAsks() {
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(2));
        List<AvatarVideo> requested = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requested.add(kit.request("v" + i));
        }
        kit.submitter.submitQueued();
        requested.forEach(v -> kit.renderer.reportStatus(v.id(), new RenderStatus.RateLimited(Duration.ofSeconds(20))));
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        int calls = kit.renderer.statusBatches().size();

        kit.clock.advance(Duration.ofSeconds(19));
        kit.tracker.trackOnce();
        assertThat(kit.renderer.statusBatches()).as("nothing asked before the wait is over").hasSize(calls);

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

    @Test
    void hybridModeCallsOnlyWhenAWebhookIsOverdueAndThenAsksAboutTheOthersInTheSameCall() {
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(), TrackingPolicy.DEFAULT.withMode(ProcessingMode.HYBRID),
                ServiceTestKit.UNLIMITED);
        AvatarVideo old = kit.request("webhook lost");
        kit.submitter.submitQueued();
        kit.clock.advance(Duration.ofMinutes(6));
        AvatarVideo recent = kit.request("webhook on its way");
        kit.submitter.submitQueued();
        kit.renderer.completeRender(old.id());
        kit.renderer.completeRender(recent.id());

        kit.clock.advance(Duration.ofMinutes(3).plusSeconds(59));
        kit.tracker.trackOnce();
        assertThat(kit.renderer.statusBatches()).as("nothing is overdue yet").isEmpty();

        kit.clock.advance(Duration.ofSeconds(1));
        kit.tracker.trackOnce();

        assertThat(kit.renderer.statusBatches()).as("one call, made for the overdue render")
                .containsExactly(List.of(kit.renderer.renderOf(old.id()), kit.renderer.renderOf(recent.id())));
        assertThat(kit.reload(old.id()).status()).isEqualTo(VideoStatus.INGESTING);
        assertThat(kit.reload(recent.id()).status()).isEqualTo(VideoStatus.INGESTING);
    }

    @Test
    void webhookModeNeverPollsAndFailsARenderWhoseWebhookNeverCameAtTheDeadline() {
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(), TrackingPolicy.DEFAULT.withMode(ProcessingMode.WEBHOOK),
                ServiceTestKit.UNLIMITED);
        AvatarVideo video = kit.request("never announced");
        kit.submitter.submitQueued();
        kit.renderer.reportStatus(video.id(), new RenderStatus.Processing());

        for (int minute = 1; minute < 120; minute++) {
            kit.clock.advance(Duration.ofMinutes(1));
            kit.tracker.trackOnce();
        }
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.RENDERING);

        kit.clock.advance(Duration.ofMinutes(1));
        kit.tracker.trackOnce();

        assertThat(kit.renderer.statusBatches()).isEmpty();
        AvatarVideo failed = kit.reload(video.id());
        assertThat(failed.failure().code()).isEqualTo("render_deadline_exceeded");
        assertThat(failed.failure().message()).contains("no webhook").contains("hybrid");
    }

    @Test
    void aVideoClaimedByOneTrackerIsNotCheckedByAnother() {
        ServiceTestKit kit = new ServiceTestKit();
        AvatarVideo video = kit.request("contested");
        kit.submitter.submitQueued();
        kit.untilFirstCheck();

        List<dev.avatarvideo.application.port.out.rendering.RenderChecks.TrackedRender> held = kit.work.claimDue(kit.clock.now(), 10);

        assertThat(held).extracting(r -> r.video().id()).containsExactly(video.id());
        assertThat(kit.tracker.trackOnce()).isZero();
        assertThat(kit.renderer.statusBatches()).isEmpty();
    }

    @Test
    void countsEveryBulkCall() {
        ServiceTestKit kit = new ServiceTestKit();
        kit.request("a");
        kit.submitter.submitQueued();
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        kit.clock.advance(kit.policy.interval(1));
        kit.tracker.trackOnce();

        assertThat(kit.calls.of(RendererCallCounts.Call.STATUS_BULK)).isEqualTo(2);
        assertThat(kit.calls.of(RendererCallCounts.Call.SUBMIT)).isEqualTo(1);
        assertThat(kit.renderer.statusBatches()).extracting(List::size).containsExactly(1, 1);
    }
}
