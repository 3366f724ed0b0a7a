package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.InMemoryWebhookRegistrations;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.fakes.SimulatedRenderDeliveries;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent.Receipt;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations.WebhookRegistration;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.ProcessingMode;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renderer events on fakes: only signed ones are kept, each once, and all one does is ask the renderer afresh. Signing
 * is simulated here ({@link SimulatedRenderDeliveries}); the real scheme is tested in the HeyGen adapter.
 */
class RenderEventsTest {

    private static final WebhookSecret SECRET = new WebhookSecret("whsec_registered");
    private static final URI URL = URI.create("https://videos.example/webhooks/heygen");

    private final ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(), TrackingPolicy.DEFAULT.withMode(ProcessingMode.WEBHOOK),
            ServiceTestKit.UNLIMITED);
    private final InMemoryWebhookRegistrations registrations = new InMemoryWebhookRegistrations();
    private final RenderEventReceiver receiver = new RenderEventReceiver(kit.work, registrations, new SimulatedRenderDeliveries(),
            ServiceTestKit.KEY.account(), List.of(), kit.clock);

    RenderEventsTest() {
        registrations.save(new WebhookRegistration(ServiceTestKit.KEY.account(), URL, "ep_1", SECRET, kit.clock.now()));
    }

    @Test
    void aSignedEventMakesTheRendersVideoDueForOneFreshStatusCallAndThenItIsIngested() {
        AvatarVideo video = rendering("announced");
        kit.renderer.completeRender(video.id());

        assertThat(receiver.receive(signed(SECRET, success(video)))).isEqualTo(Receipt.ACCEPTED);
        assertThat(receiver.applyReceived()).isEqualTo(1);
        assertThat(kit.ingester.ingestPending()).isEqualTo(1);

        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.READY);
        assertThat(kit.calls.of(RendererCallCounts.Call.STATUS_SINGLE)).as("the fresh status is the only call").isEqualTo(1);
        assertThat(kit.calls.of(RendererCallCounts.Call.STATUS_BULK)).isZero();
    }

    @Test
    void aFailureEventIsCheckedToo() {
        AvatarVideo video = rendering("broken");
        VideoFailure reason = new VideoFailure("MODERATION", "rejected by moderation");
        kit.renderer.reportStatus(video.id(), new RenderStatus.Failed(reason));

        receiver.receive(signed(SECRET, event(WebhookEvent.VIDEO_FAILED, video)));
        receiver.applyReceived();
        kit.ingester.ingestPending();

        assertThat(kit.reload(video.id()).failure()).isEqualTo(reason);
    }

    @Test
    void anEventTheRendererContradictsChangesNothing() {
        AvatarVideo video = rendering("still busy");
        kit.renderer.reportStatus(video.id(), new RenderStatus.Processing());

        receiver.receive(signed(SECRET, success(video)));
        receiver.applyReceived();
        kit.ingester.ingestPending();
        kit.ingester.ingestPending();

        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.RENDERING);
        assertThat(kit.calls.of(RendererCallCounts.Call.STATUS_SINGLE)).as("asked once, then the request is settled").isEqualTo(1);
        assertThat(kit.storage.keys()).isEmpty();
    }

    @Test
    void forgedTamperedAndUnsignedEventsAreRefusedAndKeepNothing() {
        AvatarVideo video = rendering("target");
        kit.renderer.completeRender(video.id());
        RenderEvent elsewhere = new RenderEvent(WebhookEvent.VIDEO_RENDERED, new RenderId("someone-elses-render"));

        assertThat(receiver.receive(signed(new WebhookSecret("whsec_guessed"), success(video)))).isEqualTo(Receipt.REJECTED);
        assertThat(receiver.receive(new RenderEventCommand(SimulatedRenderDeliveries.tampered(SECRET, elsewhere, success(video)))))
                .isEqualTo(Receipt.REJECTED);
        assertThat(receiver.receive(new RenderEventCommand(SimulatedRenderDeliveries.unsigned(success(video))))).isEqualTo(Receipt.REJECTED);

        assertThat(receiver.applyReceived()).isZero();
        assertThat(kit.ingester.ingestPending()).isZero();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.RENDERING);
        assertThat(kit.work.deliveries()).isZero();
    }

    @Test
    void aReplayedEventIsADuplicateAndChangesNothing() {
        AvatarVideo video = rendering("replayed");
        kit.renderer.completeRender(video.id());
        RenderEventCommand event = signed(SECRET, success(video));
        receiver.receive(event);
        receiver.applyReceived();
        kit.ingester.ingestPending();
        AvatarVideo ready = kit.reload(video.id());

        assertThat(receiver.receive(event)).isEqualTo(Receipt.DUPLICATE);
        assertThat(receiver.applyReceived()).isZero();
        assertThat(kit.ingester.ingestPending()).isZero();

        assertThat(kit.reload(video.id())).isEqualTo(ready);
        assertThat(kit.storage.keys()).hasSize(1);
        assertThat(kit.work.deliveries()).isEqualTo(2);
    }

    @Test
    void unknownEventsAreAcknowledgedButIgnored() {
        assertThat(receiver.receive(new RenderEventCommand(SimulatedRenderDeliveries.signedUntracked(SECRET)))).isEqualTo(Receipt.IGNORED);
        assertThat(kit.work.deliveries()).isZero();
    }

    @Test
    void anEventThatArrivesBeforeItsSubmissionIsSavedWaitsForIt() {
        AvatarVideo video = kit.request("fast render");
        RenderId render = new RenderId("render-" + video.id());
        RenderEvent early = new RenderEvent(WebhookEvent.VIDEO_RENDERED, render);
        receiver.receive(signed(SECRET, early));
        assertThat(receiver.applyReceived()).isZero();

        kit.submitter.submitQueued();
        kit.renderer.completeRender(video.id());

        assertThat(receiver.applyReceived()).isEqualTo(1);
        kit.ingester.ingestPending();
        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.READY);
    }

    @Test
    void aSecretRotatedByAnotherInstanceIsPickedUpWithoutARestart() {
        AvatarVideo video = rendering("after rotation");
        receiver.receive(signed(SECRET, event(WebhookEvent.VIDEO_FAILED, video)));
        WebhookSecret rotated = new WebhookSecret("whsec_rotated_elsewhere");
        registrations.save(new WebhookRegistration(ServiceTestKit.KEY.account(), URL, "ep_1", rotated, kit.clock.now()));
        kit.clock.advance(Duration.ofSeconds(2));

        assertThat(receiver.receive(signed(rotated, success(video)))).isEqualTo(Receipt.ACCEPTED);
        assertThat(receiver.receive(signed(SECRET, event(WebhookEvent.VIDEO_RENDERED, video)))).as("the old secret is gone")
                .isEqualTo(Receipt.REJECTED);
    }

    @Test
    void aConfiguredSecretIsAcceptedBesidesRegisteredOnes() {
        WebhookSecret configured = new WebhookSecret("whsec_from_configuration");
        RenderEventReceiver withConfigured = new RenderEventReceiver(kit.work, registrations, new SimulatedRenderDeliveries(),
                ServiceTestKit.KEY.account(), List.of(configured), kit.clock);
        AvatarVideo video = rendering("configured");

        assertThat(withConfigured.receive(signed(configured, success(video)))).isEqualTo(Receipt.ACCEPTED);
    }

    private AvatarVideo rendering(String title) {
        AvatarVideo video = kit.request(title);
        kit.submitter.submitQueued();
        return kit.reload(video.id());
    }

    private static RenderEvent success(AvatarVideo video) {
        return new RenderEvent(WebhookEvent.VIDEO_RENDERED, video.renderId());
    }

    private static RenderEvent event(WebhookEvent type, AvatarVideo video) {
        return new RenderEvent(type, video.renderId());
    }

    static RenderEventCommand signed(WebhookSecret secret, RenderEvent event) {
        return new RenderEventCommand(SimulatedRenderDeliveries.signed(secret, event));
    }
}
