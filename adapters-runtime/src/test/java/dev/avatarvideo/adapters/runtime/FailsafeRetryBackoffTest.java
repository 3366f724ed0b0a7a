package dev.avatarvideo.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailsafeRetryBackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheMaximumWithoutJitter() {
        FailsafeRetryBackoff backoff = new FailsafeRetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10), 0);

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delayAfter(5000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterSpreadsRetriesAroundTheDelaySoFailuresTogetherDoNotRetryTogether() {
        FailsafeRetryBackoff backoff = new FailsafeRetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10), 0.25);

        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration delay = backoff.delayAfter(2);
            assertThat(delay).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(75));
            seen.add(delay);
        }
        assertThat(seen).hasSizeGreaterThan(1);
    }

    @Test
    void thereIsNoDelayBeforeTheFirstFailure() {
        assertThatThrownBy(() -> new FailsafeRetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0).delayAfter(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
