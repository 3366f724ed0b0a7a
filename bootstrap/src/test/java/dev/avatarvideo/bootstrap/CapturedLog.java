package dev.avatarvideo.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log as the service writes it: every event of this JVM encoded with the pattern (and so the escaping converters)
 * of the configured console appender, kept in memory. What a test finds here is what an operator would read.
 */
public final class CapturedLog implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private CapturedLog() {
        LoggerContext context = root.getLoggerContext();
        PatternLayoutEncoder configured = (PatternLayoutEncoder) ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT")).getEncoder();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(configured.getPattern());
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        appender.setContext(context);
        appender.setName("captured-log");
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.start();
        root.addAppender(appender);
    }

    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** Everything written so far, line by line, exactly as encoded (the last element is what follows the last line break). */
    public synchronized List<String> lines() {
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n", -1));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
