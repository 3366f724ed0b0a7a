package dev.avatarvideo.client;

/** Where a video is: queued, rendering, being copied into storage, ready to play, or failed. */
public enum VideoStatus {
    QUEUED,
    RENDERING,
    INGESTING,
    READY,
    FAILED;

    public boolean isTerminal() {
        return this == READY || this == FAILED;
    }

    /** Statuses only move forward; READY and FAILED are both last. */
    int progress() {
        return this == FAILED ? READY.ordinal() : ordinal();
    }
}
