package dev.avatarvideo.bootstrap.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} as one line: the message with its arguments filled in, then escaped ({@link LogText}). logback.xml maps
 * every name of the message conversion to this class, so no pattern can print a message unescaped.
 */
public final class EscapedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.escape(super.convert(event));
    }
}
