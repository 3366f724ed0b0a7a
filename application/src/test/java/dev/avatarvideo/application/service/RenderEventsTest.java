package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.InMemoryWebhookRegistrations;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Renderer events on fakes: only signed ones are kept, each once, and all one does is ask the renderer afresh. */
class RenderEventsTest {

    private static final WebhookSecret SECRET = new WebhookSecret("whsec_registered");
    private static final URI URL = URI.create("https://videos.example/webhooks/heygen");

    private final ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(), TrackingPolicy.DEFAULT.withMode(ProcessingMode.WEBHOOK),
            ServiceTestKit.UNLIMITED);
    private final InMemoryWebhookRegistrations registrations = new InMemoryWebhookRegistrations();
    private final RenderEventReceiver receiver = new RenderEventReceiver(kit.work, registrations, ServiceTestKit.KEY.fingerprint(), List.of(), kit.clock);

    RenderEventsTest() {
        registrations.save(new WebhookRegistration(ServiceTestKit.KEY.fingerprint(), URL, "ep_1", SECRET, kit.clock.now()));
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
        RenderEventCommand genuine = signed(SECRET, success(video));
        byte[] tampered = genuine.body().clone();
        tampered[tampered.length - 2] ^= 1;

        assertThat(receiver.receive(signed(new WebhookSecret("whsec_guessed"), success(video)))).isEqualTo(Receipt.REJECTED);
        assertThat(receiver.receive(new RenderEventCommand(tampered, genuine.signatures(), genuine.event()))).isEqualTo(Receipt.REJECTED);
        assertThat(receiver.receive(new RenderEventCommand(genuine.body(), List.of(), genuine.event()))).isEqualTo(Receipt.REJECTED);
        assertThat(receiver.receive(new RenderEventCommand(genuine.body(), List.of(new byte[0]), genuine.event()))).isEqualTo(Receipt.REJECTED);

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
        assertThat(receiver.receive(new RenderEventCommand("{\"event_type\":\"avatar_video_gif.success\"}".getBytes(StandardCharsets.UTF_8),
                List.of(hmac(SECRET, "{\"event_type\":\"avatar_video_gif.success\"}".getBytes(StandardCharsets.UTF_8))), Optional.empty())))
                .isEqualTo(Receipt.IGNORED);
        assertThat(kit.work.deliveries()).isZero();
    }

    @Test
    void anEventThatArrivesBeforeItsSubmissionIsSavedWaitsForIt() {
        AvatarVideo video = kit.request("fast render");
        RenderId render = new RenderId("render-" + video.id());
        RenderEvent early = new RenderEvent(WebhookEvent.VIDEO_RENDERED, render);
        byte[] body = ("{\"video_id\":\"" + render + "\"}").getBytes(StandardCharsets.UTF_8);
        receiver.receive(new RenderEventCommand(body, List.of(hmac(SECRET, body)), Optional.of(early)));
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
        registrations.save(new WebhookRegistration(ServiceTestKit.KEY.fingerprint(), URL, "ep_1", rotated, kit.clock.now()));
        kit.clock.advance(Duration.ofSeconds(2));

        assertThat(receiver.receive(signed(rotated, success(video)))).isEqualTo(Receipt.ACCEPTED);
        assertThat(receiver.receive(signed(SECRET, event(WebhookEvent.VIDEO_RENDERED, video)))).as("the old secret is gone")
                .isEqualTo(Receipt.REJECTED);
    }

    @Test
    void aConfiguredSecretIsAcceptedBesidesRegisteredOnes() {
        WebhookSecret configured = new WebhookSecret("whsec_from_configuration");
        RenderEventReceiver withConfigured = new RenderEventReceiver(kit.work, registrations, ServiceTestKit.KEY.fingerprint(), List.of(configured), kit.clock);
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

    private static RenderEventCommand signed(WebhookSecret secret, RenderEvent event) {
        byte[] body = ("{\"event_type\":\"" + event.type() + "\",\"event_data\":{\"video_id\":\"" + event.renderId() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        return new RenderEventCommand(body, List.of(hmac(secret, body)), Optional.of(event));
    }

    static byte[] hmac(WebhookSecret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
