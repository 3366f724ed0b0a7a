package dev.avatarvideo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void aKeyIsOneTo255PrintableAsciiCharacters() {
        assertThat(new IdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324").value()).hasSize(36);
        assertThat(new IdempotencyKey("~".repeat(255)).value()).hasSize(255);
        assertThat(new IdempotencyKey("order 42: \"retry\"").value()).contains(" ");

        for (String bad : new String[] {"", "k".repeat(256), "schlüssel", "tab\tinside", "line\nbreak", "del\u007f", "emoji\uD83D\uDE00"}) {
            assertThatThrownBy(() -> new IdempotencyKey(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
        }
    }
}
