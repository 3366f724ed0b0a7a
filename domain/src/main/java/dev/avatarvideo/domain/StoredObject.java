package dev.avatarvideo.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/** A stored file opened for reading: its bytes as a stream, its size and its type. Whoever opens it closes it. */
public record StoredObject(InputStream content, long length, String contentType) implements AutoCloseable {

    public StoredObject {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentType, "contentType");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
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
