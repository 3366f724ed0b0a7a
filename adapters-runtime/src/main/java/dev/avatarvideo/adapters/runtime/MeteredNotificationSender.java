package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;

/** Counts the attempts to notify the platform by outcome: {@code avatarvideo_notifications_deliveries_total}. */
public final class MeteredNotificationSender implements NotificationSender {

    private final NotificationSender sender;
    private final MeterRegistry registry;

    public MeteredNotificationSender(NotificationSender sender, MeterRegistry registry) {
        this.sender = sender;
        this.registry = registry;
    }

    @Override
    public Outcome send(NotificationUrl url, String messageId, Instant timestamp, VideoEvent event, SigningSecret secret) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "exception";
        try {
            Outcome result = sender.send(url, messageId, timestamp, event, secret);
            outcome = ServiceMetrics.tagOf(result.getClass());
            return result;
        } finally {
            registry.counter("avatarvideo.notifications.deliveries", "outcome", outcome, "event", event.type()).increment();
            sample.stop(registry.timer("avatarvideo.notifications.delivery.duration", "outcome", outcome));
        }
    }
}
