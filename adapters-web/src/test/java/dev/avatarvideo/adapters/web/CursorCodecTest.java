package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    @Test
    void aCursorSurvivesTheRoundTripToMicrosecondPrecision() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-21T10:00:00.123456Z"), VideoId.newId());

        assertThat(CursorCodec.decode(CursorCodec.encode(cursor))).isEqualTo(cursor);
    }

    @Test
    void anythingElseIsRefusedNamingTheCursor() {
        for (String junk : new String[] {"", "!!!", "bm9wZQ", "MS4yLm5vdC1hLXV1aWQ"}) {
            assertThatThrownBy(() -> CursorCodec.decode(junk))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }
}
