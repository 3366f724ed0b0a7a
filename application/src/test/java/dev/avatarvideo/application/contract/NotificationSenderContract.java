package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.application.port.out.notification.NotificationSender.Outcome;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link NotificationSender} answers for each kind of receiver: the HTTP sender against real receivers, and the
 * scripted fake the deliverer's tests use. The receivers differ (a real server, or a script), so the hooks below set
 * them up.
 */
public abstract class NotificationSenderContract {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:07Z");

    protected abstract NotificationSender sender();

    /** A receiver that answers every notification with {@code status}. */
    protected abstract NotificationUrl receiverAnswering(int status);

    /** A receiver whose host leads only to addresses inside the service's network. */
    protected abstract NotificationUrl receiverInside();

    /** The message ids of the notifications that reached the receiver at {@code url}, in order. */
    protected abstract List<String> messageIdsReceivedAt(NotificationUrl url);

    /** Whether the last notification that reached {@code url} was signed with {@code secret}. */
    protected abstract boolean lastSignedWith(NotificationUrl url, SigningSecret secret);

    @Test
    void aReceiverAnswering2xxHasItDeliveredWithTheMessageIdAndSigned() {
        SigningSecret secret = SigningSecret.generate();
        NotificationUrl url = receiverAnswering(204);

        Outcome outcome = sender().send(url, "evt_42", NOW, event(42), secret);

        assertThat(outcome).isEqualTo(new Outcome.Delivered(204));
        assertThat(messageIdsReceivedAt(url)).containsExactly("evt_42");
        assertThat(lastSignedWith(url, secret)).isTrue();
        assertThat(lastSignedWith(url, SigningSecret.generate())).isFalse();
        assertThat(sender().send(receiverAnswering(200), "evt_43", NOW, event(43), secret)).isEqualTo(new Outcome.Delivered(200));
    }

    @Test
    void anyOtherAnswerIsAFailureThatSaysWhichWithoutTheSecret() {
        SigningSecret secret = SigningSecret.generate();

        Outcome outcome = sender().send(receiverAnswering(503), "evt_1", NOW, event(1), secret);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed ->
                assertThat(failed.reason()).contains("503").doesNotContain(secret.value()));
        assertThat(sender().send(receiverAnswering(410), "evt_1", NOW, event(1), secret)).isInstanceOf(Outcome.Failed.class);
    }

    @Test
    void aReceiverInsideIsRefusedAndSentNothing() {
        NotificationUrl url = receiverInside();

        Outcome outcome = sender().send(url, "evt_1", NOW, event(1), SigningSecret.generate());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused ->
                assertThat(refused.reason()).contains("internal addresses").doesNotContain(url.value().getHost()));
        assertThat(messageIdsReceivedAt(url)).isEmpty();
    }

    @Test
    void everyAttemptCarriesTheSameMessageIdSoTheReceiverCanDropRepeats() {
        NotificationUrl url = receiverAnswering(204);
        SigningSecret secret = SigningSecret.generate();

        sender().send(url, "evt_7", NOW, event(7), secret);
        sender().send(url, "evt_7", NOW.plusSeconds(60), event(7), secret);

        assertThat(messageIdsReceivedAt(url)).containsExactly("evt_7", "evt_7");
    }

    private static VideoEvent event(long id) {
        return new VideoEvent(id, VideoId.newId(), TenantId.of("acme"), VideoStatus.RENDERING, null, null, NOW.minusSeconds(1));
    }
}
