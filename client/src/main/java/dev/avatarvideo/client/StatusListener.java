package dev.avatarvideo.client;

/**
 * Hears a tracked video's status changes. Called once per new status, in order, one call at a time; a status seen
 * before (from the stream and from polling, say) is not reported again, and the last one (READY or FAILED) exactly
 * once, after which the listener hears nothing more. Intermediate statuses may be skipped while polling. Runs on the
 * tracker's threads: hand long work elsewhere.
 */
@FunctionalInterface
public interface StatusListener {

    void onUpdate(StatusUpdate update);
}
