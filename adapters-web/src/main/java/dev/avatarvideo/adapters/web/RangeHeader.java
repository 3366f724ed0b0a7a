package dev.avatarvideo.adapters.web;

import dev.avatarvideo.domain.ByteRange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTTP {@code Range} header (RFC 9110 §14.2) into the byte range it asks for. Anything this cannot serve
 * as one range (several ranges, other units, malformed text) means the whole file, which the RFC allows and every
 * player copes with; whether the range fits the file is for storage to say.
 */
final class RangeHeader {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private RangeHeader() {
    }

    static ByteRange parse(String header) {
        if (header == null) {
            return ByteRange.WHOLE;
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches()) {
            return ByteRange.WHOLE;
        }
        String first = matcher.group(1);
        String last = matcher.group(2);
        if (first.isEmpty()) {
            return last.isEmpty() ? ByteRange.WHOLE : ByteRange.lastBytes(number(last));
        }
        if (last.isEmpty()) {
            return ByteRange.startingAt(number(first));
        }
        long from = number(first);
        long to = number(last);
        return to < from ? ByteRange.WHOLE : ByteRange.between(from, to);
    }

    /** Digits beyond a long name an offset past any file's end. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
