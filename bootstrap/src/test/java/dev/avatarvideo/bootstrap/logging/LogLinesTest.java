package dev.avatarvideo.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.bootstrap.CapturedLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Through the logging configuration the service runs with: user text cannot start a log line of its own. */
class LogLinesTest {

    private static final String FORGED = "12:00:00.000 INFO  [main] Admin - admin key rotated";

    @Test
    void controlCharactersInMessagesAndArgumentsAreEscaped() {
        assertThat(LogText.escape("a\nb\rc\u0000d\u001be\u0085f\u2028g\th")).isEqualTo("a\\nb\\rc\\u0000d\\u001be\\u0085f\\u2028g\th");
        assertThat(LogText.escape("Grüße 👩‍👩‍👧 שלום")).isEqualTo("Grüße 👩‍👩‍👧 שלום");
        assertThat(LogText.escape(null)).isNull();
    }

    @Test
    void aTitleWithALineBreakStaysOnItsLineAndAnExceptionKeepsItsTraceButNotTheForgedLine() {
        Logger logger = LoggerFactory.getLogger("dev.avatarvideo.LogLinesTest");
        List<String> lines;
        try (CapturedLog log = CapturedLog.start()) {
            logger.info("saved title {}", "Lesson\n" + FORGED);
            logger.error("insert failed", new IllegalStateException("refused: Lesson\r\n" + FORGED,
                    new SQLException("ERROR: invalid byte sequence\n" + FORGED + "\u0000")));
            lines = log.lines();
        }

        assertThat(lines).noneMatch(line -> line.startsWith(FORGED)).noneMatch(line -> line.contains("\u0000"));
        assertThat(lines.getFirst()).endsWith("saved title Lesson\\n" + FORGED);
        assertThat(lines).anyMatch(line -> line.equals("java.lang.IllegalStateException: refused: Lesson\\r\\n" + FORGED))
                .anyMatch(line -> line.startsWith("Caused by: java.sql.SQLException: ERROR: invalid byte sequence\\n" + FORGED + "\\u0000"))
                .anyMatch(line -> line.startsWith("\tat dev.avatarvideo.bootstrap.logging.LogLinesTest."));
    }

    /** The tests log through logback-test.xml; it must be the service's own configuration, or the test above proves nothing. */
    @Test
    void theServiceLogsWithTheConfigurationTheseTestsUse() throws IOException {
        assertThat(resource("/logback.xml")).isEqualTo(resource("/logback-test.xml"))
                .contains("conversionWord=\"msg\" class=\"" + EscapedMessageConverter.class.getName())
                .contains("conversionWord=\"ex\" class=\"" + EscapedThrowableConverter.class.getName());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LogLinesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
