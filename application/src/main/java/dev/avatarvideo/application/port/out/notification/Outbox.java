package dev.avatarvideo.application.port.out.notification;

import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Notifications waiting to be delivered. {@link Videos} queues them in the transaction that changes a status (one per
 * endpoint that hears it, and one for the video's callback), so a change that rolls back sends nothing and a committed
 * one is never forgotten. Any number of instances may take from it: a claimed delivery is theirs alone until its
 * lease ends.
 */
public interface Outbox {

    /**
     * Claims up to {@code limit} deliveries due at {@code now}, earliest first, for {@code lease}: no one else gets
     * them until then, and whoever claimed them records the outcome before it ends.
     */
    List<Delivery> claimDue(Instant now, Duration lease, int limit);

    /** The delivery arrived. Ignored when the claim has lapsed, as another instance may hold it by now. */
    void delivered(Delivery delivery, Instant at);

    /** The attempt failed; the next one is due at {@code nextAttemptAt}. */
    void failed(Delivery delivery, String error, Instant at, Instant nextAttemptAt);

    /** The attempt failed and there will be no other: the delivery stays recorded as given up, with its last error. */
    void gaveUp(Delivery delivery, String error, Instant at);

    /**
     * One notification to send.
     *
     * @param claim whose attempt this is; outcomes are recorded only under the claim that is still current
     * @param attempts how many attempts were made before this one
     * @param queuedAt when the status change queued it; retries end a fixed time after it
     * @param secret what to sign with; empty when the tenant has none, which makes the attempt fail
     */
    record Delivery(long id, UUID claim, NotificationUrl url, VideoEvent event, int attempts, Instant queuedAt,
                    Optional<SigningSecret> secret) {

        public Delivery {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(queuedAt, "queuedAt");
            Objects.requireNonNull(secret, "secret");
        }

        /** The message id receivers deduplicate on: the event's, the same on every retry and every endpoint. */
        public String messageId() {
            return "evt_" + event.id();
        }
    }
}
