package dev.avatarvideo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MediaFactsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aVideoWithOrWithoutSoundIsAccepted() {
        MediaFacts withSound = new MediaFacts(MINUTE, 1280, 720, "h264", Optional.of("aac"), 25, 2_000_000);
        MediaFacts silent = new MediaFacts(MINUTE, 1280, 720, "h264", Optional.empty(), 29.97, 1_500_000);

        assertThat(withSound.audioCodec()).contains("aac");
        assertThat(silent.audioCodec()).isEmpty();
    }

    @Test
    void eachImpossibleFactIsRefusedNamingItsField() {
        assertRefused("duration", () -> new MediaFacts(Duration.ZERO, 1280, 720, "h264", Optional.empty(), 25, 1));
        assertRefused("width", () -> new MediaFacts(MINUTE, 0, 720, "h264", Optional.empty(), 25, 1));
        assertRefused("height", () -> new MediaFacts(MINUTE, 1280, -2, "h264", Optional.empty(), 25, 1));
        assertRefused("videoCodec", () -> new MediaFacts(MINUTE, 1280, 720, " ", Optional.empty(), 25, 1));
        assertRefused("audioCodec", () -> new MediaFacts(MINUTE, 1280, 720, "h264", Optional.of(""), 25, 1));
        assertRefused("framesPerSecond", () -> new MediaFacts(MINUTE, 1280, 720, "h264", Optional.empty(), Double.NaN, 1));
        assertRefused("framesPerSecond", () -> new MediaFacts(MINUTE, 1280, 720, "h264", Optional.empty(), Double.POSITIVE_INFINITY, 1));
        assertRefused("bitsPerSecond", () -> new MediaFacts(MINUTE, 1280, 720, "h264", Optional.empty(), 25, 0));
    }

    private static void assertRefused(String field, Supplier<MediaFacts> facts) {
        assertThatThrownBy(facts::get).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
