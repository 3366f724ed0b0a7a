package dev.avatarvideo.application.port.in.rendering;

/** Hand queued videos to the renderer. Driven by a background loop; safe to call from several instances. */
public interface SubmitQueuedVideos {

    /** Submits what is queued now and answers how many videos changed status. */
    int submitQueued();
}
