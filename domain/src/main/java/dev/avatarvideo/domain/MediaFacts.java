package dev.avatarvideo.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stored video is, read from the file itself: how long it plays, its picture size, how its picture and sound
 * are encoded, how smooth it runs and how many bits a second it streams. Codecs carry the names ffprobe and most tools
 * use ({@code h264}, {@code hevc}, {@code av1}, {@code aac}, {@code mp3}, ...).
 *
 * @param audioCodec empty for a video without sound
 * @param framesPerSecond the average over the whole video
 * @param bitsPerSecond the whole file's size over its duration, as ffprobe reports a file's bit rate
 */
public record MediaFacts(Duration duration, int width, int height, String videoCodec, Optional<String> audioCodec,
                         double framesPerSecond, long bitsPerSecond) {

    public MediaFacts {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidInputException("duration", "duration must be positive (got " + duration + ")");
        }
        if (width <= 0) {
            throw new InvalidInputException("width", "width must be positive (got " + width + ")");
        }
        if (height <= 0) {
            throw new InvalidInputException("height", "height must be positive (got " + height + ")");
        }
        Require.notBlank("videoCodec", videoCodec);
        Objects.requireNonNull(audioCodec, "audioCodec");
        audioCodec.ifPresent(codec -> Require.notBlank("audioCodec", codec));
        if (!(framesPerSecond > 0) || Double.isInfinite(framesPerSecond)) {
            throw new InvalidInputException("framesPerSecond", "framesPerSecond must be a positive number (got " + framesPerSecond + ")");
        }
        if (bitsPerSecond <= 0) {
            throw new InvalidInputException("bitsPerSecond", "bitsPerSecond must be positive (got " + bitsPerSecond + ")");
        }
    }
}
