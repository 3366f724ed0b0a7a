package dev.avatarvideo.client;

/** How a {@link StatusTracker} learns about status changes. */
public enum TrackingMode {
    /** One server-sent events stream for every tracked video; reconnects (resuming where it left off) when it breaks. */
    SSE,
    /** Asks for each tracked video at a fixed interval; works through anything that passes plain requests. */
    POLL,
    /**
     * Streams while the stream works; when it breaks, every tracked video is polled until the stream is back, and
     * nothing seen twice is reported twice.
     */
    AUTO
}
