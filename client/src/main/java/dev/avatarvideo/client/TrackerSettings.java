package dev.avatarvideo.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StatusTracker} behaves.
 *
 * @param pollInterval how often each video is asked for while polling
 * @param firstReconnectDelay the wait before reconnecting a broken stream; it doubles after every failed attempt…
 * @param maxReconnectDelay …up to this
 * @param streamIdleTimeout a stream silent for this long counts as broken (the service sends a keep-alive every 15 s)
 */
public record TrackerSettings(TrackingMode mode, Duration pollInterval, Duration firstReconnectDelay, Duration maxReconnectDelay,
                              Duration streamIdleTimeout) {

    public TrackerSettings {
        Objects.requireNonNull(mode, "mode");
        positive("pollInterval", pollInterval);
        positive("firstReconnectDelay", firstReconnectDelay);
        positive("maxReconnectDelay", maxReconnectDelay);
        positive("streamIdleTimeout", streamIdleTimeout);
    }

    public static TrackerSettings defaults(TrackingMode mode) {
        return new TrackerSettings(mode, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(45));
    }

    public TrackerSettings withPollInterval(Duration interval) {
        return new TrackerSettings(mode, interval, firstReconnectDelay, maxReconnectDelay, streamIdleTimeout);
    }

    public TrackerSettings withReconnectDelays(Duration first, Duration max) {
        return new TrackerSettings(mode, pollInterval, first, max, streamIdleTimeout);
    }

    public TrackerSettings withStreamIdleTimeout(Duration timeout) {
        return new TrackerSettings(mode, pollInterval, firstReconnectDelay, maxReconnectDelay, timeout);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
