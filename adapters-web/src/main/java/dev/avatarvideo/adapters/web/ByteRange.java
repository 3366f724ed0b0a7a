package dev.avatarvideo.adapters.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a file, from an HTTP {@code Range} header (RFC 9110 §14). Multiple ranges are
 * answered with the whole file, which the RFC allows and every player copes with.
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return last - first + 1;
    }

    /** What a {@code Range} header asks of a file of the given size. */
    sealed interface Request {
    }

    record Whole() implements Request {
    }

    record Part(ByteRange range) implements Request {
    }

    record Unsatisfiable() implements Request {
    }

    static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches()) {
            return new Whole();
        }
        Optional<Long> start = number(matcher.group(1));
        Optional<Long> end = number(matcher.group(2));
        if (start.isEmpty() && end.isEmpty()) {
            return new Whole();
        }
        if (start.isEmpty()) {
            long suffix = end.get();
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = start.get();
        if (first >= size) {
            return new Unsatisfiable();
        }
        long last = end.map(e -> Math.min(e, size - 1)).orElse(size - 1);
        if (last < first) {
            return new Whole();
        }
        return new Part(new ByteRange(first, last));
    }

    private static Optional<Long> number(String digits) {
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return Optional.of(Long.MAX_VALUE);
        }
    }
}
