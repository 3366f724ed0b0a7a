package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.notification.Outbox;
import dev.avatarvideo.application.port.out.notification.Outbox.Delivery;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an {@link Outbox} must do once something is queued in it: claims, leases and outcomes, for the in-memory fake
 * and the database alike. How deliveries get in differs (the database's triggers queue them with each status change,
 * a test fills the fake by hand), so {@link #queue} puts one in the way each does. Each test starts with an empty outbox.
 */
public abstract class OutboxContract {

    protected static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");
    private static final Duration LEASE = Duration.ofMinutes(1);

    /** An empty outbox. */
    protected abstract Outbox newOutbox();

    /** Queues one delivery of a new video's QUEUED event to {@code url}, due at once, as a change at {@code at} would. */
    protected abstract void queue(NotificationUrl url, Instant at, SigningSecret secret);

    private Outbox outbox;

    @BeforeEach
    void setUpOutbox() {
        outbox = newOutbox();
    }

    @Test
    void dueDeliveriesAreClaimedEarliestFirstUpToTheLimitWithWhatWasQueued() {
        SigningSecret secret = SigningSecret.generate();
        queue(url("late"), T0.plusSeconds(2), secret);
        queue(url("early"), T0, secret);
        queue(url("middle"), T0.plusSeconds(1), secret);
        queue(url("future"), T0.plusSeconds(30), secret);

        List<Delivery> first = outbox.claimDue(T0.plusSeconds(10), LEASE, 2);

        assertThat(first).extracting(d -> d.url().toString()).containsExactly(url("early").toString(), url("middle").toString());
        assertThat(first.getFirst().queuedAt()).isEqualTo(T0);
        assertThat(first.getFirst().attempts()).isZero();
        assertThat(first.getFirst().secret()).contains(secret);
        assertThat(first.getFirst().event().status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(first.getFirst().messageId()).isEqualTo("evt_" + first.getFirst().event().id());
        assertThat(outbox.claimDue(T0.plusSeconds(10), LEASE, 10)).extracting(d -> d.url().toString()).containsExactly(url("late").toString());
        assertThat(outbox.claimDue(T0.plusSeconds(30), LEASE, 10)).as("the others still held").extracting(d -> d.url().toString())
                .containsExactly(url("future").toString());
    }

    @Test
    void aClaimedDeliveryIsNoOneElsesUntilItsLeaseEnds() {
        queue(url("a"), T0, SigningSecret.generate());

        Delivery first = outbox.claimDue(T0, LEASE, 10).getFirst();

        assertThat(outbox.claimDue(T0.plus(LEASE).minusSeconds(1), LEASE, 10)).as("held").isEmpty();
        Delivery again = outbox.claimDue(T0.plus(LEASE).plusSeconds(1), LEASE, 10).getFirst();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.claim()).isNotEqualTo(first.claim());
        assertThat(again.messageId()).as("the receiver's deduplication key stays").isEqualTo(first.messageId());
    }

    @Test
    void anOutcomeCountsOnlyUnderTheClaimThatIsStillCurrent() {
        queue(url("a"), T0, SigningSecret.generate());
        Delivery lapsed = outbox.claimDue(T0, LEASE, 10).getFirst();
        Instant afterLease = T0.plus(LEASE).plusSeconds(1);
        Delivery current = outbox.claimDue(afterLease, LEASE, 10).getFirst();

        outbox.delivered(lapsed, afterLease);

        assertThat(outbox.claimDue(afterLease.plus(LEASE).plusSeconds(1), LEASE, 10)).as("still pending: the lapsed claim recorded nothing")
                .extracting(Delivery::id).containsExactly(current.id());
    }

    @Test
    void aFailedAttemptComesDueAgainAtItsNextTimeCountingTheAttempt() {
        queue(url("a"), T0, SigningSecret.generate());
        Delivery first = outbox.claimDue(T0, LEASE, 10).getFirst();

        outbox.failed(first, "HTTP 500", T0.plusSeconds(1), T0.plusSeconds(30));

        assertThat(outbox.claimDue(T0.plusSeconds(29), LEASE, 10)).isEmpty();
        Delivery retry = outbox.claimDue(T0.plusSeconds(30), LEASE, 10).getFirst();
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.queuedAt()).as("retries end a fixed time after the change, so this stays").isEqualTo(T0);
    }

    @Test
    void aDeliveredOrGivenUpDeliveryIsNeverClaimedAgain() {
        queue(url("delivered"), T0, SigningSecret.generate());
        queue(url("given-up"), T0, SigningSecret.generate());
        List<Delivery> both = outbox.claimDue(T0, LEASE, 10);

        outbox.delivered(both.get(0), T0.plusSeconds(1));
        outbox.gaveUp(both.get(1), "HTTP 410", T0.plusSeconds(1));

        assertThat(outbox.claimDue(T0.plus(Duration.ofDays(30)), LEASE, 10)).isEmpty();
    }

    private static NotificationUrl url(String name) {
        return NotificationUrl.parse("url", "https://platform.example/hooks/" + name + "-" + UUID.nameUUIDFromBytes(name.getBytes()));
    }
}
