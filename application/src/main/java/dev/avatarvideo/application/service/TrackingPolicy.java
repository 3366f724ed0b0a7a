package dev.avatarvideo.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently renders are tracked.
 *
 * @param notFoundGrace how long after submission a "not found" from the renderer still means "not visible yet"
 * @param renderDeadline how long a render may take in all before the video fails instead of being tracked forever
 */
public record TrackingPolicy(Duration notFoundGrace, Duration renderDeadline) {

    public static final TrackingPolicy DEFAULT = new TrackingPolicy(Duration.ofMinutes(2), Duration.ofHours(2));

    public TrackingPolicy {
        Objects.requireNonNull(notFoundGrace, "notFoundGrace");
        Objects.requireNonNull(renderDeadline, "renderDeadline");
        if (renderDeadline.compareTo(notFoundGrace) <= 0) {
            throw new IllegalArgumentException("renderDeadline must be longer than notFoundGrace");
        }
    }
}
