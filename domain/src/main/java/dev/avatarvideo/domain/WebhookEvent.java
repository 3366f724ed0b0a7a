package dev.avatarvideo.domain;

/** What the renderer can call this service about. */
public enum WebhookEvent {
    /** A render finished and its file can be fetched. */
    VIDEO_RENDERED,
    /** A render failed. */
    VIDEO_FAILED
}
