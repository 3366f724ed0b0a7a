package dev.avatarvideo.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored file opened for reading. Whoever opens it closes it.
 *
 * @param length the size of the whole stored file
 * @param part which bytes {@code content} holds when only part of the file was asked for; empty means all of them
 */
public record StoredObject(InputStream content, long length, String contentType, Optional<ByteRange.Span> part) implements AutoCloseable {

    public StoredObject {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(part, "part");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
        if (part.isPresent() && part.get().last() >= length) {
            throw new IllegalArgumentException("part " + part.get() + " lies outside a file of " + length + " bytes");
        }
    }

    /** The whole file. */
    public StoredObject(InputStream content, long length, String contentType) {
        this(content, length, contentType, Optional.empty());
    }

    /** How many bytes {@code content} yields. */
    public long contentLength() {
        return part.map(ByteRange.Span::length).orElse(length);
    }

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
