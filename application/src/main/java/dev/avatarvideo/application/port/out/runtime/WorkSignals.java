package dev.avatarvideo.application.port.out.runtime;

/**
 * Tells the background work that something new awaits it, so it looks now instead of at its next round. Only about
 * promptness: the work itself is always found in the database, so a signal lost (or sent to another instance) costs
 * time, never a video.
 */
public interface WorkSignals {

    /** A video was queued for rendering (new, in a topic, or retried): the submitter may send it now. */
    void videoQueued();

    /** A render event was accepted: it may be acted on now, and the render it announces ended no longer holds a slot. */
    void renderEventAccepted();
}
