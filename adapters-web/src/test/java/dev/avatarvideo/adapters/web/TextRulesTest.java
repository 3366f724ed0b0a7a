package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TextRulesTest {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "U+{0} is refused")
    @ValueSource(strings = {"0000", "0001", "001B", "007F", "0085", "009F", "D800", "DC00", "FFFE", "FFFF", "202A", "202E", "2066", "2069"})
    void refusesWhatTheDatabaseCannotHoldOrWhatDisplaysOtherThanItReads(String codePoint) {
        String text = "a" + (char) Integer.parseInt(codePoint, 16) + "b";

        assertThatThrownBy(() -> TextRules.requireText("title", text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("title");
                    assertThat(e.getMessage()).contains("U+" + codePoint).contains("character 2").doesNotContain(text);
                });
    }

    @ParameterizedTest(name = "{0} is text")
    @ValueSource(strings = {"Grüße", "שלום עולם", "مرحبا\u200f!", "क्‍ष", "👩‍👩‍👧 family", "zero\u200bwidth", "a\u200db", "e\u0301", "\u200e-mark"})
    void acceptsEveryScriptJoinersMarksAndEmoji(String text) {
        assertThatCode(() -> TextRules.requireLine("name", text)).doesNotThrowAnyException();
        assertThatCode(() -> TextRules.requireText("script", text)).doesNotThrowAnyException();
    }

    @Test
    void lineBreaksAndTabsAreTextInAScriptButNotInALine() {
        assertThatCode(() -> TextRules.requireText("script", "Line one.\r\n\tLine two.")).doesNotThrowAnyException();

        for (String broken : new String[] {"a\nb", "a\rb", "a\tb"}) {
            assertThatThrownBy(() -> TextRules.requireLine("name", broken)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void aSurrogatePairIsOneCharacterButEitherHalfAloneIsRefused() {
        assertThatCode(() -> TextRules.requireLine("name", "\uD83D\uDE00")).doesNotThrowAnyException();
        assertThatThrownBy(() -> TextRules.requireLine("name", "\uDE00\uD83D")).hasMessageContaining("U+DE00");
        assertThatThrownBy(() -> TextRules.requireLine("name", "end\uD83D")).hasMessageContaining("U+D83D");
    }

    @ParameterizedTest(name = "{0} decodes to {1}")
    @CsvSource({"caf%C3%A9,café", "a+b,a b", "100%25,100%", "%F0%9F%98%80,😀", "plain,plain"})
    void decodesPercentEncodedUtf8(String raw, String decoded) {
        assertThat(TextRules.decodePercent("q", raw, true)).isEqualTo(decoded);
    }

    @Test
    void aPlusIsASpaceOnlyInAQuery() {
        assertThat(TextRules.decodePercent("path", "a+b", false)).isEqualTo("a+b");
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"%ZZ", "%", "50%", "%4", "%C0%AF", "%C0%80", "%E0%80%AF", "%ED%A0%80", "%FF", "%E2%82", "%80"})
    void refusesMalformedPercentEncodingAndEveryInvalidUtf8Sequence(String raw) {
        assertThatThrownBy(() -> TextRules.decodePercent("limit", raw, true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @Test
    void refusesInvalidUtf8BytesOfABody() {
        byte[] overlongSlash = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};

        for (byte[] body : new byte[][] {overlongSlash, encodedSurrogate, {(byte) 0xFF}}) {
            assertThatThrownBy(() -> TextRules.utf8("body", body)).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.field()).isEqualTo("body"));
        }
        assertThat(TextRules.utf8("body", "\"Grüße\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"Grüße\"");
    }

    @Test
    void namesTheJsonFieldWhereTheCallerWroteIt() throws Exception {
        String document = """
                {"title": "ok", "scenes": [{"script": "fine"}, {"script": "bad\\u0000", "voice": {"locale": "en"}}]}""";

        assertThatThrownBy(() -> TextRules.requireJson(json.readTree(document)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("scenes[1].script"));
    }

    @Test
    void checksFieldNamesAndTopLevelStringsToo() throws Exception {
        assertThatThrownBy(() -> TextRules.requireJson(json.readTree("{\"scenes\": [{\"a\\u202eb\": 1}]}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("scenes[0]");
                    assertThat(e.getMessage()).startsWith("a field name in scenes[0]");
                });
        assertThatThrownBy(() -> TextRules.requireJson(json.readTree("\"\\ud800\"")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("body"));
        assertThatCode(() -> TextRules.requireJson(json.readTree("{\"n\": 1, \"t\": true, \"z\": null, \"s\": \"Grüße\\n\"}")))
                .doesNotThrowAnyException();
    }
}
