package dev.avatarvideo.domain;

import java.util.Optional;

/**
 * Which bytes of a stored file a reader asks for, in the three shapes HTTP knows (RFC 9110 §14.1.2): from one offset to
 * another, from an offset to the end, or the last so many bytes. {@link #WHOLE} asks for everything.
 */
public sealed interface ByteRange {

    ByteRange WHOLE = new Whole();

    static ByteRange between(long first, long last) {
        return new Between(first, last);
    }

    static ByteRange startingAt(long first) {
        return new From(first);
    }

    static ByteRange lastBytes(long count) {
        return new Last(count);
    }

    /**
     * The bytes this selects of an object of {@code size} bytes, clipped to its end; empty when it selects none
     * (an offset past the end, or any part of an empty object), which HTTP answers with 416.
     */
    Optional<Span> within(long size);

    /** Everything; never a part. */
    record Whole() implements ByteRange {

        @Override
        public Optional<Span> within(long size) {
            return size == 0 ? Optional.empty() : Optional.of(new Span(0, size - 1));
        }
    }

    record Between(long first, long last) implements ByteRange {

        public Between {
            if (first < 0 || last < first) {
                throw new InvalidInputException("range", "a byte range needs 0 <= first <= last (got " + first + "-" + last + ")");
            }
        }

        @Override
        public Optional<Span> within(long size) {
            return first >= size ? Optional.empty() : Optional.of(new Span(first, Math.min(last, size - 1)));
        }
    }

    record From(long first) implements ByteRange {

        public From {
            if (first < 0) {
                throw new InvalidInputException("range", "a byte range cannot start before the first byte (got " + first + ")");
            }
        }

        @Override
        public Optional<Span> within(long size) {
            return first >= size ? Optional.empty() : Optional.of(new Span(first, size - 1));
        }
    }

    record Last(long count) implements ByteRange {

        public Last {
            if (count < 0) {
                throw new InvalidInputException("range", "a suffix range needs a positive length (got " + count + ")");
            }
        }

        @Override
        public Optional<Span> within(long size) {
            return count == 0 || size == 0 ? Optional.empty() : Optional.of(new Span(Math.max(0, size - count), size - 1));
        }
    }

    /** Bytes {@code first} to {@code last} of an object, both included: what HTTP's {@code Content-Range} states. */
    record Span(long first, long last) {

        public Span {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("a span needs 0 <= first <= last (got " + first + "-" + last + ")");
            }
        }

        public long length() {
            return last - first + 1;
        }
    }
}
