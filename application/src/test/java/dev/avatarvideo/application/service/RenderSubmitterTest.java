package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
        AvatarVideo video = kit.request("forbidden");
        VideoFailure reason = new VideoFailure("forbidden", "this key may not use that avatar");
        kit.renderer.onSubmit(v -> new SubmitOutcome.Rejected(reason));

        kit.submitter.submitQueued();

        AvatarVideo failed = kit.reload(video.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(reason);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new SubmitOutcome.KeyRejected("Invalid or missing API key"), VideoFailure.RENDERER_KEY_REJECTED,
                        "the renderer refused this service's API key: Invalid or missing API key"),
                Arguments.of(new SubmitOutcome.Invalid(Optional.of("scenes[1].avatarId"), "Avatar look 'x' not found"),
                        VideoFailure.INVALID_REQUEST, "scenes[1].avatarId: Avatar look 'x' not found"),
                Arguments.of(new SubmitOutcome.Invalid(Optional.empty(), "the request body is not valid"),
                        VideoFailure.INVALID_REQUEST, "the request body is not valid"),
                Arguments.of(new SubmitOutcome.InsufficientCredit("wallet empty"), VideoFailure.INSUFFICIENT_CREDIT, "wallet empty"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void eachRefusalFailsTheVideoWithAStableCodeAndTheRenderersWords(SubmitOutcome refusal, String code, String message) {
        AvatarVideo video = kit.request("refused");
        kit.renderer.onSubmit(v -> refusal);

        assertThat(kit.submitter.submitQueued()).isEqualTo(1);

        AvatarVideo failed = kit.reload(video.id());
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(new VideoFailure(code, message));
    }

    @Test
    void whenTheRendererAsksToWaitTheRoundStopsAndNothingIsLost() {
        AvatarVideo first = kit.request("one");
        AvatarVideo second = kit.request("two");
        kit.renderer.onSubmit(v -> new SubmitOutcome.RateLimited(Duration.ofSeconds(30)));

        int changed = kit.submitter.submitQueued();

        assertThat(changed).isZero();
        assertThat(kit.renderer.submissions()).hasSize(1);
        assertThat(kit.reload(first.id()).status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(kit.reload(second.id()).status()).isEqualTo(VideoStatus.QUEUED);
    }

    @Test
    void noRoundStartsBeforeTheRenderersWaitIsOver() {
        AvatarVideo video = kit.request("patient");
        kit.renderer.onSubmit(v -> new SubmitOutcome.RateLimited(Duration.ofSeconds(30)));
        kit.submitter.submitQueued();
        kit.renderer.onSubmit(kit.renderer::accept);

        kit.clock.advance(Duration.ofSeconds(29));
        assertThat(kit.submitter.submitQueued()).isZero();
        assertThat(kit.renderer.submissions()).hasSize(1);

        kit.clock.advance(Duration.ofSeconds(1));
        assertThat(kit.submitter.submitQueued()).isEqualTo(1);
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.RENDERING);
    }

    @Test
    void neverHasMoreRendersInFlightPerAccountThanItsBudgetAndQueuesTheRest() {
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(), TrackingPolicy.DEFAULT, new RenderSubmitter.Budget(3, 50));
        List<AvatarVideo> requested = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requested.add(kit.request("v" + i));
        }

        assertThat(kit.submitter.submitQueued()).isEqualTo(3);
        assertThat(kit.submitter.submitQueued()).as("the budget is spent").isZero();
        assertThat(kit.videosIn(VideoStatus.RENDERING)).isEqualTo(3);
        assertThat(kit.videosIn(VideoStatus.QUEUED)).isEqualTo(2);

        kit.renderer.completeRender(requested.get(0).id());
        kit.untilFirstCheck();
        kit.tracker.trackOnce();

        assertThat(kit.submitter.submitQueued()).as("a finished render frees one slot").isEqualTo(1);
        assertThat(kit.reload(requested.get(3).id()).status()).as("oldest first").isEqualTo(VideoStatus.RENDERING);
        assertThat(kit.reload(requested.get(4).id()).status()).isEqualTo(VideoStatus.QUEUED);
    }

    @Test
    void oneTenantsLongQueueDoesNotStarveAnotherTenantsSingleVideo() {
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(), TrackingPolicy.DEFAULT, new RenderSubmitter.Budget(2, 50));
        TenantId busy = TenantId.of("busy");
        TenantId small = TenantId.of("small");
        List<AvatarVideo> busyVideos = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            busyVideos.add(kit.request(busy, "bulk " + i));
        }
        kit.submitter.submitQueued();
        kit.clock.advance(Duration.ofSeconds(1));
        AvatarVideo single = kit.request(small, "just one");

        kit.renderer.completeRender(busyVideos.get(0).id());
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        kit.submitter.submitQueued();

        assertThat(kit.reload(single.id()).status()).as("the next free slot goes to the tenant with nothing in flight")
                .isEqualTo(VideoStatus.RENDERING);
        assertThat(kit.reload(busyVideos.get(2).id()).status()).isEqualTo(VideoStatus.QUEUED);
    }

    @Test
    void freeSlotsAreSharedBetweenTenantsInTurn() {
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(), TrackingPolicy.DEFAULT, new RenderSubmitter.Budget(6, 50));
        for (int i = 0; i < 10; i++) {
            kit.request(TenantId.of("a"), "a" + i);
        }
        for (int i = 0; i < 10; i++) {
            kit.request(TenantId.of("b"), "b" + i);
        }
        kit.request(TenantId.of("c"), "c0");

        kit.submitter.submitQueued();

        assertThat(kit.work.inFlight(ServiceTestKit.KEY.account(), kit.clock.now()))
                .containsEntry(TenantId.of("a"), 3).containsEntry(TenantId.of("b"), 2).containsEntry(TenantId.of("c"), 1);
    }

    @Test
    void aClaimedVideoIsNotSubmittedByAnotherSubmitter() {
        AvatarVideo video = kit.request("contested");
        assertThat(kit.work.claim(List.of(video.id()), ServiceTestKit.KEY.account(), kit.clock.now())).hasSize(1);

        assertThat(kit.submitter.submitQueued()).isZero();
        assertThat(kit.renderer.submissions()).isEmpty();

        kit.work.release(video.id());
        assertThat(kit.submitter.submitQueued()).isEqualTo(1);
    }

    @Test
    void aRefusedVideoAndAVideoLeftQueuedByAWaitAreNotHeldByAnyone() {
        AvatarVideo refused = kit.request("refused");
        AvatarVideo waiting = kit.request("waiting");
        kit.renderer.onSubmit(v -> v.id().equals(refused.id())
                ? new SubmitOutcome.InsufficientCredit("empty") : new SubmitOutcome.RateLimited(Duration.ofSeconds(5)));

        kit.submitter.submitQueued();

        assertThat(kit.reload(refused.id()).status()).isEqualTo(VideoStatus.FAILED);
        assertThat(kit.reload(waiting.id()).status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(kit.work.isClaimed(refused.id())).isFalse();
        assertThat(kit.work.isClaimed(waiting.id())).isFalse();
    }

    @Test
    void anUnavailableRendererPausesSubmittingToo() {
        kit.request("one");
        kit.renderer.onSubmit(v -> new SubmitOutcome.Unavailable(Duration.ofSeconds(10), "HTTP 503 after 4 attempts"));

        kit.submitter.submitQueued();
        kit.submitter.submitQueued();

        assertThat(kit.renderer.submissions()).hasSize(1);
    }
}
