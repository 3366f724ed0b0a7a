package dev.avatarvideo.client;

import java.util.concurrent.CompletableFuture;

/** One listener following one video. */
public interface Tracking {

    String videoId();

    /**
     * Completes with the READY or FAILED update the listener was given; completes exceptionally with an
     * {@link ApiException} (404) when the service has no such video, and is cancelled by {@link #cancel()}.
     */
    CompletableFuture<StatusUpdate> terminal();

    /** Stops following; the listener hears nothing more. */
    void cancel();
}
