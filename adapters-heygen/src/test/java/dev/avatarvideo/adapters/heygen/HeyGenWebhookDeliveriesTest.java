package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.adapters.heygen.HeyGenDelivery.Reading;
import dev.avatarvideo.application.port.out.rendering.RenderDeliveries.Opened;
import dev.avatarvideo.domain.RenderDelivery;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HeyGen's signature scheme: the HMAC-SHA256 of the exact bytes received, with one of the account's secrets. */
class HeyGenWebhookDeliveriesTest {

    private static final WebhookSecret SECRET = new WebhookSecret("whsec_registered");
    private static final RenderEvent EVENT = new RenderEvent(WebhookEvent.VIDEO_RENDERED, new RenderId("render-1"));
    private static final byte[] BODY = "{\"event_type\":\"avatar_video.success\",\"event_data\":{\"video_id\":\"render-1\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private final HeyGenWebhookDeliveries deliveries = new HeyGenWebhookDeliveries();

    @Test
    void opensACallSignedWithAnyOfTheSecretsIntoItsEvent() throws Exception {
        HeyGenDelivery genuine = delivery(BODY, List.of(HeyGenWebhookReceiverTest.hmac(SECRET, BODY)));

        assertThat(deliveries.signed(genuine)).isTrue();
        assertThat(deliveries.open(genuine, List.of(new WebhookSecret("whsec_other"), SECRET))).isEqualTo(new Opened.Event(EVENT));
        assertThat(deliveries.open(genuine, List.of())).as("no secret to open it with").isEqualTo(new Opened.Refused());
    }

    @Test
    void aForgedTamperedOrUnsignedCallIsRefused() throws Exception {
        byte[] signature = HeyGenWebhookReceiverTest.hmac(SECRET, BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;

        assertThat(deliveries.open(delivery(BODY, List.of(HeyGenWebhookReceiverTest.hmac(new WebhookSecret("whsec_guessed"), BODY))),
                List.of(SECRET))).isEqualTo(new Opened.Refused());
        assertThat(deliveries.open(delivery(tampered, List.of(signature)), List.of(SECRET))).isEqualTo(new Opened.Refused());
        assertThat(deliveries.signed(delivery(BODY, List.of()))).isFalse();
        assertThat(deliveries.open(delivery(BODY, List.of()), List.of(SECRET))).isEqualTo(new Opened.Refused());
        assertThat(deliveries.open(delivery(BODY, List.of(new byte[0])), List.of(SECRET))).isEqualTo(new Opened.Refused());
    }

    @Test
    void aSignedCallAboutNothingTrackedOpensAsSuch() throws Exception {
        HeyGenDelivery gif = new HeyGenDelivery(BODY, List.of(HeyGenWebhookReceiverTest.hmac(SECRET, BODY)),
                new Reading(Optional.empty(), "avatar_video_gif.success", Optional.empty()));

        assertThat(deliveries.open(gif, List.of(SECRET))).isEqualTo(new Opened.NothingTracked());
    }

    @Test
    void anotherAdaptersDeliveryIsNeverOpened() {
        RenderDelivery foreign = new RenderDelivery() {
        };

        assertThat(deliveries.signed(foreign)).isFalse();
        assertThat(deliveries.open(foreign, List.of(SECRET))).isEqualTo(new Opened.Refused());
    }

    private static HeyGenDelivery delivery(byte[] body, List<byte[]> signatures) {
        return new HeyGenDelivery(body, signatures, new Reading(Optional.of(EVENT), "avatar_video.success", Optional.empty()));
    }
}
