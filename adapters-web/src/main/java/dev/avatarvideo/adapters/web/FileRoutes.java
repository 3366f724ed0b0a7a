package dev.avatarvideo.adapters.web;

import dev.avatarvideo.application.port.in.ReadStoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.StorageKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /files/{tenant}/{name}}: the bytes of files this service stores itself, streamed, with byte ranges so a
 * browser's video player can seek.
 */
final class FileRoutes {

    private final ReadStoredFile files;

    FileRoutes(ReadStoredFile files) {
        this.files = files;
    }

    void register(RoutesConfig routes) {
        routes.get("/files/{tenant}/{name}", this::serve);
    }

    private void serve(Context ctx) throws IOException {
        StorageKey key = parseKey(ctx.pathParam("tenant") + "/" + ctx.pathParam("name"));
        StoredObject object = files.open(key).orElseThrow(() -> new NotFoundException("no file " + key));
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(object.contentType());
        switch (ByteRange.parse(ctx.header("Range"), object.length())) {
            case ByteRange.Whole whole -> {
                ctx.header("Content-Length", Long.toString(object.length()));
                ctx.result(object.content());
            }
            case ByteRange.Part(ByteRange range) -> {
                InputStream content = object.content();
                content.skipNBytes(range.first());
                ctx.status(206);
                ctx.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + object.length());
                ctx.header("Content-Length", Long.toString(range.length()));
                ctx.result(new LimitedInputStream(content, range.length()));
            }
            case ByteRange.Unsatisfiable unsatisfiable -> {
                object.close();
                ctx.header("Content-Range", "bytes */" + object.length());
                throw new RangeNotSatisfiableException("the file has " + object.length() + " bytes; the requested range lies outside it");
            }
        }
    }

    /** Anything that is not a key this service generated names no file. */
    private static StorageKey parseKey(String text) {
        try {
            return new StorageKey(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("no file " + text);
        }
    }

    /** Reads at most a given number of bytes from the underlying stream, then reports its end. */
    private static final class LimitedInputStream extends FilterInputStream {

        private long remaining;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }

    static final class RangeNotSatisfiableException extends RuntimeException {

        RangeNotSatisfiableException(String message) {
            super(message);
        }
    }
}
