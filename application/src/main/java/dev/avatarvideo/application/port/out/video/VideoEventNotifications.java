package dev.avatarvideo.application.port.out.video;

/**
 * Tells this instance that new {@link VideoEvents} may exist, whichever instance wrote them. A wake-up carries no
 * event: the one woken reads the log after the last id it saw, so wake-ups may be merged, and a lapse in watching is
 * healed by one more wake-up once watching resumes.
 */
public interface VideoEventNotifications {

    /**
     * Starts calling {@code wakeUp} (on one thread, never concurrently) whenever events may have been added, and once
     * right after every (re)start of watching. Closing the answer stops it.
     */
    AutoCloseable onNewEvents(Runnable wakeUp);
}
