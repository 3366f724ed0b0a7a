package dev.avatarvideo.adapters.web;

import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Every request carries an id: the caller's {@code X-Request-Id} when it is a sane token, else a new one. It is sent
 * back in the response and put in the logging context, so every line logged while the request is served names it.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    /** The logging context's key; the log pattern shows it. */
    static final String MDC_KEY = "requestId";
    /** Letters, digits and a few separators: nothing that could forge a log line or a header. */
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

    private RequestIds() {
    }

    static void assign(Context ctx) {
        String offered = ctx.header(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : generate();
        MDC.put(MDC_KEY, id);
        ctx.header(HEADER, id);
    }

    static void release() {
        MDC.remove(MDC_KEY);
    }

    /** Random and cheap: it only has to tell requests apart in the logs, not be unguessable. */
    private static String generate() {
        return HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
