package dev.avatarvideo.adapters.web;

import dev.avatarvideo.application.port.in.video.ReadStoredFile;
import dev.avatarvideo.application.port.in.video.ReadStoredFileQuery;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredObject;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * {@code /files/{tenant}/{name}?expires=…&filename=…&type=…&signature=…}: the bytes of files this service stores
 * itself, for holders of an address the service signed. Streamed, with byte ranges so a browser's video player can
 * seek; expired or altered addresses are refused with 403 before anything about the file is revealed.
 */
final class FileRoutes {

    /** Sandboxed without exceptions: no scripts, forms, popups or plugins, and a unique origin with no storage of ours. */
    static final String STORED_FILE_POLICY = "sandbox";

    private final ReadStoredFile files;

    FileRoutes(ReadStoredFile files) {
        this.files = files;
    }

    void register(RoutesConfig routes) {
        routes.get("/files/{tenant}/{name}", this::serve);
    }

    private void serve(Context ctx) {
        StorageKey key = parseKey(ctx.pathParam("tenant") + "/" + ctx.pathParam("name"));
        FileAccess access = new FileAccess(key, expiry(ctx.queryParam("expires")), required(ctx, "filename"), required(ctx, "type"));
        ReadStoredFile.Outcome outcome = files.read(new ReadStoredFileQuery(access, ctx.queryParam("signature"), RangeHeader.parse(ctx.header("Range"))));
        switch (outcome) {
            case ReadStoredFile.Found found -> send(ctx, found, access);
            case ReadStoredFile.NotFound notFound -> throw new NotFoundException("no file " + key);
            case ReadStoredFile.Expired expired -> throw new FileAccessRefusedException(Problem.fileUrlExpired(
                    "this file address expired at " + access.expiresAt() + "; read the video again for a fresh one", ctx.path()));
            case ReadStoredFile.BadSignature badSignature -> throw new FileAccessRefusedException(Problem.fileUrlInvalid(
                    "this file address was not issued in this form (altered or incomplete); read the video again for a valid one", ctx.path()));
            case ReadStoredFile.RangeNotSatisfiable(long size) -> {
                ctx.header("Content-Range", "bytes */" + size);
                throw new RangeNotSatisfiableException("the file has " + size + " bytes; the requested range lies outside it");
            }
        }
    }

    /**
     * A tenant's upload is served from the same origin as the console, which keeps an API key in session storage; so
     * no stored file may ever run as a page here. Only media a browser plays or pictures is shown in place (HTML, SVG,
     * PDF and the rest are downloads), the type is taken as given (no sniffing), and whatever a browser makes of the
     * bytes anyway runs sandboxed: no script, and an origin of its own.
     */
    private static void send(Context ctx, ReadStoredFile.Found found, FileAccess access) {
        StoredObject object = found.object();
        ctx.disableCompression();
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Content-Disposition", access.disposition());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", STORED_FILE_POLICY);
        ctx.header("Cache-Control", "private, no-transform");
        ctx.contentType(found.contentType());
        object.part().ifPresent(span -> {
            ctx.status(206);
            ctx.header("Content-Range", "bytes " + span.first() + "-" + span.last() + "/" + object.length());
        });
        ctx.header("Content-Length", Long.toString(object.contentLength()));
        ctx.result(object.content());
    }

    /** Anything that is not a key this service generated names no file. */
    private static StorageKey parseKey(String text) {
        try {
            return new StorageKey(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("no file " + text);
        }
    }

    private static Instant expiry(String value) {
        if (value == null || !value.matches("\\d{1,12}")) {
            throw new InvalidInputException("expires", "expires must be the expiry in seconds since 1970 that came with the address");
        }
        return Instant.ofEpochSecond(Long.parseLong(value));
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name, name + " is required: use the whole address the API handed out");
        }
        return value;
    }

    static final class RangeNotSatisfiableException extends RuntimeException {

        RangeNotSatisfiableException(String message) {
            super(message);
        }
    }

    /** The address does not grant access (any more); carries the problem to answer with. */
    static final class FileAccessRefusedException extends RuntimeException {

        private final transient Problem problem;

        FileAccessRefusedException(Problem problem) {
            super(problem.detail());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
