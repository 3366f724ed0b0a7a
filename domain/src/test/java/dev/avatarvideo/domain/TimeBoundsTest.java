package dev.avatarvideo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimeBoundsTest {

    @Test
    void timesACallerHandsInLieBetweenTheYears1And9999() {
        assertThat(TimeBounds.require("createdAfter", Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        for (Instant outside : new Instant[] {Instant.parse("+294277-01-01T00:00:00Z"), Instant.parse("0000-12-31T23:59:59Z"), Instant.MAX, Instant.MIN}) {
            assertThatThrownBy(() -> TimeBounds.require("createdAfter", outside))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("createdAfter"));
        }
        assertThatThrownBy(() -> new PageCursor(Instant.parse("+10000-01-01T00:00:00Z"), VideoId.newId()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> new VideoFilter(Set.of(), Optional.empty(), Optional.of(Instant.MAX)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("createdBefore"));
    }
}
