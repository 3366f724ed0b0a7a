package dev.avatarvideo.client;

import java.time.Duration;
import java.util.Optional;

/**
 * What the stored video is, read from the file by the service.
 *
 * @param videoCodec as ffprobe names it ({@code h264}, {@code hevc}, {@code av1})
 * @param audioCodec as ffprobe names it ({@code aac}); {@code null} for a video without sound
 * @param framesPerSecond the average over the whole video
 * @param bitsPerSecond the file's size over its duration
 */
public record MediaFacts(double durationSeconds, int width, int height, String videoCodec, String audioCodec, double framesPerSecond,
                         long bitsPerSecond) {

    public Duration duration() {
        return Duration.ofNanos(Math.round(durationSeconds * 1e9));
    }

    public Optional<String> audio() {
        return Optional.ofNullable(audioCodec);
    }
}
