package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.video.VideoEventNotifications;

/**
 * One source of video event wake-ups (one LISTEN connection) for both the live status streams and the outbox: every
 * committed status change, on any instance, may have queued deliveries, so each wake-up also wakes the
 * {@link LoopSignals#NOTIFY} loop, and they go out now rather than at its next poll.
 */
public final class OutboxWakingEventNotifications implements VideoEventNotifications {

    private final VideoEventNotifications notifications;
    private final BackgroundWork work;

    public OutboxWakingEventNotifications(VideoEventNotifications notifications, BackgroundWork work) {
        this.notifications = notifications;
        this.work = work;
    }

    @Override
    public AutoCloseable onNewEvents(Runnable wakeUp) {
        return notifications.onNewEvents(() -> {
            wakeUp.run();
            work.wake(LoopSignals.NOTIFY);
        });
    }
}
