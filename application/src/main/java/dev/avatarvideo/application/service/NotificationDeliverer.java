package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.notification.DeliverNotifications;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.application.port.out.notification.Outbox;
import dev.avatarvideo.application.port.out.notification.Outbox.Delivery;
import dev.avatarvideo.application.port.out.runtime.RetryBackoff;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Delivers the outbox: claims what is due, sends each delivery at the same time as the others (one slow receiver
 * must not hold up the rest), and records the outcome. A failed attempt is tried again after a growing, jittered
 * delay kept in the database; past {@code giveUpAfter} from the change that queued it, the delivery is given up and
 * stays recorded with its last error.
 */
public final class NotificationDeliverer implements DeliverNotifications {

    private static final Logger LOG = System.getLogger(NotificationDeliverer.class.getName());

    private final Outbox outbox;
    private final NotificationSender sender;
    private final FileStorage storage;
    private final RetryBackoff backoff;
    private final Duration giveUpAfter;
    private final Duration lease;
    private final Clock clock;
    private final int batchSize;

    /**
     * @param lease how long a claimed delivery stays this instance's; must comfortably exceed the sender's timeout,
     *              or a slow attempt could be claimed and sent again elsewhere
     */
    public NotificationDeliverer(Outbox outbox, NotificationSender sender, FileStorage storage, RetryBackoff backoff, Duration giveUpAfter,
                                 Duration lease, Clock clock, int batchSize) {
        this.outbox = outbox;
        this.sender = sender;
        this.storage = storage;
        this.backoff = backoff;
        this.giveUpAfter = Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Override
    public int deliverDue() {
        List<Delivery> due = outbox.claimDue(clock.now(), lease, batchSize);
        if (due.isEmpty()) {
            return 0;
        }
        try (ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor()) {
            due.forEach(delivery -> attempts.submit(() -> attempt(delivery)));
        }
        return due.size();
    }

    private void attempt(Delivery delivery) {
        try {
            if (delivery.secret().isEmpty()) {
                failed(delivery, "no signing secret for tenant " + delivery.event().tenantId());
                return;
            }
            SigningSecret secret = delivery.secret().get();
            VideoEvent event = delivery.event().withFileUrls(storage::accessUrl);
            switch (sender.send(delivery.url(), delivery.messageId(), clock.now(), event, secret)) {
                case NotificationSender.Outcome.Delivered delivered -> outbox.delivered(delivery, clock.now());
                case NotificationSender.Outcome.Failed failure -> failed(delivery, failure.reason());
                case NotificationSender.Outcome.Refused refused -> refused(delivery, refused.reason());
            }
        } catch (RuntimeException e) {
            // The claim lapses by itself if even recording fails; the delivery is then tried again after the lease.
            LOG.log(Level.WARNING, "delivery " + delivery.id() + " of " + delivery.messageId() + " about video " + delivery.event().videoId()
                    + " could not be completed", e);
            try {
                failed(delivery, "internal error: " + e.getMessage());
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "could not record the failure of delivery {0}: {1}", delivery.id(), again.getMessage());
            }
        }
    }

    private void failed(Delivery delivery, String reason) {
        Instant now = clock.now();
        int attempts = delivery.attempts() + 1;
        Instant next = now.plus(backoff.delayAfter(attempts));
        if (next.isAfter(delivery.queuedAt().plus(giveUpAfter))) {
            outbox.gaveUp(delivery, reason, now);
            LOG.log(Level.WARNING, "gave up delivering {0} about video {1} to {2} after {3} attempts: {4}", delivery.messageId(),
                    delivery.event().videoId(), where(delivery), attempts, reason);
        } else {
            outbox.failed(delivery, reason, now, next);
            LOG.log(Level.INFO, "delivering {0} about video {1} to {2} failed (attempt {3}: {4}); next attempt at {5}",
                    delivery.messageId(), delivery.event().videoId(), where(delivery), attempts, reason, next);
        }
    }

    /**
     * A receiver that leads into the service's own network is given up at once: it is an attack (a name pointed inside
     * after it was registered) or a host the operator has yet to allow, and neither is cured by trying again. Logged
     * without the address, which is the platform's.
     */
    private void refused(Delivery delivery, String reason) {
        outbox.gaveUp(delivery, reason, clock.now());
        LOG.log(Level.WARNING, "gave up delivering {0} about video {1} (delivery {2}) without connecting: {3}", delivery.messageId(),
                delivery.event().videoId(), delivery.id(), reason);
    }

    /** The receiver without its query, which may carry a token of the platform's. */
    private static String where(Delivery delivery) {
        java.net.URI url = delivery.url().value();
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
