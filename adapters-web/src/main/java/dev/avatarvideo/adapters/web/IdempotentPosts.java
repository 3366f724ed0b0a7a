package dev.avatarvideo.adapters.web;

import dev.avatarvideo.application.port.in.idempotency.DeduplicateRequests;
import dev.avatarvideo.application.port.in.idempotency.DeduplicateRequests.Attempt;
import dev.avatarvideo.application.port.in.idempotency.DeduplicateRequests.Start;
import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.RecordedAnswer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} request header (IETF draft-ietf-httpapi-idempotency-key-header) on every POST that
 * creates something: the first request with a key is carried out and its answer kept; a repeat with the same method,
 * path and body gets that answer again, marked {@code Idempotent-Replayed: true}, and creates nothing. A repeat while
 * the first still runs waits for it (briefly), then replays; another request under a used key is a 422. Without the
 * header a request is carried out as always.
 *
 * <p>Which answers are kept: every 2xx and 4xx, as the draft asks ("respond with the result of the previously
 * completed operation, success or an error"): a refusal is the request's answer, and repeating the identical request
 * would only be refused again. A 5xx is the service failing, not an answer to the request; it is not kept, so a repeat
 * carries the request out anew, which is what a client retrying after a 5xx wants.
 */
final class IdempotentPosts {

    static final String HEADER = IdempotencyKey.FIELD;
    static final String REPLAYED = "Idempotent-Replayed";
    /** The routes that create something, as registered. */
    static final List<String> ROUTES = List.of("/api/videos", "/api/videos/{id}/retry", "/api/topics", "/api/api-keys",
            "/api/webhook-endpoints", "/admin/tenants", "/admin/tenants/{tenantId}/api-keys");
    /** The headers that are part of an answer; request ids and the like belong to each response alone. */
    private static final List<String> KEPT_HEADERS = List.of("Content-Type", "Location", "Cache-Control");
    private static final String ATTEMPT = IdempotentPosts.class.getName() + ".attempt";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentPosts.class);

    private final DeduplicateRequests deduplicate;
    private final RequestTenant tenant;
    private final JsonBodies bodies;

    IdempotentPosts(DeduplicateRequests deduplicate, RequestTenant tenant, JsonBodies bodies) {
        this.deduplicate = Objects.requireNonNull(deduplicate, "deduplicate");
        this.tenant = tenant;
        this.bodies = bodies;
    }

    /**
     * After the authentication filters (a key belongs to whoever the request proved to be), and only for requests a
     * route will answer, so a replay is counted and logged under its route like the first answer.
     */
    void register(RoutesConfig routes) {
        for (String path : ROUTES) {
            routes.beforeMatched(path, this::begin);
            routes.afterMatched(path, this::finish);
        }
        routes.exception(DeduplicateRequests.KeyReusedException.class, (e, ctx) -> JavalinServer.problem(ctx,
                new Problem("/problems/idempotency-key-reused", "The Idempotency-Key was used for another request", 422, e.getMessage(),
                        ctx.path(), HEADER)));
        routes.exception(DeduplicateRequests.StillInFlightException.class, (e, ctx) -> {
            ctx.header("Retry-After", "1");
            JavalinServer.problem(ctx, new Problem("/problems/idempotency-key-in-use", "A request with this Idempotency-Key is still running", 409,
                    e.getMessage(), ctx.path(), HEADER));
        });
    }

    private void begin(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return;
        }
        List<String> values = Collections.list(ctx.req().getHeaders(HEADER));
        if (values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            throw new InvalidInputException(HEADER, "send one " + HEADER + " header, not " + values.size());
        }
        IdempotencyKey key = new IdempotencyKey(unquoted(values.getFirst()));
        IdempotencyScope scope = ctx.path().startsWith("/admin/") ? IdempotencyScope.operator() : IdempotencyScope.of(tenant.of(ctx));
        switch (deduplicate.begin(scope, key, fingerprint(ctx))) {
            case Start.Proceed proceed -> ctx.attribute(ATTEMPT, proceed.attempt());
            case Start.Replay replay -> replay(ctx, replay.answer());
        }
    }

    private void finish(Context ctx) {
        Attempt attempt = ctx.attribute(ATTEMPT);
        if (attempt == null) {
            return;
        }
        try {
            if (ctx.statusCode() >= 500) {
                deduplicate.abandon(attempt);
                return;
            }
            deduplicate.finish(attempt, answer(ctx));
        } catch (RuntimeException e) {
            // The response still goes out; the claim lapses with its lease, and a repeat then carries the request out.
            LOG.warn("could not keep the answer of idempotent attempt {}: {}", attempt.id(), e.toString());
        }
    }

    private static void replay(Context ctx, RecordedAnswer answer) {
        ctx.status(answer.status());
        answer.headers().forEach(header -> ctx.header(header.name(), header.value()));
        ctx.header(REPLAYED, "true");
        ctx.result(answer.body());
        ctx.skipRemainingHandlers();
    }

    private static RecordedAnswer answer(Context ctx) {
        byte[] body = new byte[0];
        InputStream result = ctx.resultInputStream();
        if (result != null) {
            try (result) {
                body = result.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ctx.result(body);
        }
        List<RecordedAnswer.Header> headers = new ArrayList<>();
        for (String name : KEPT_HEADERS) {
            String value = ctx.res().getHeader(name);
            if (value != null) {
                headers.add(new RecordedAnswer.Header(name, value));
            }
        }
        return new RecordedAnswer(ctx.statusCode(), headers, body);
    }

    /**
     * The draft makes the key a structured-field string ({@code "8e03…"}); most clients send it bare. Both are taken,
     * and mean the same key.
     */
    private static String unquoted(String value) {
        String text = value.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text;
    }

    /**
     * What the request is: method, path, query and body, hashed. A multipart body is taken part by part (name, file
     * name, type, content), since a client repeating an upload picks a new boundary each time.
     */
    private String fingerprint(Context ctx) {
        MessageDigest sha = sha256();
        sha.update((ctx.method().name() + "\n" + ctx.req().getRequestURI() + "\n" + Objects.toString(ctx.queryString(), "") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        String type = ctx.contentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            digestParts(ctx, sha);
        } else {
            // Bounded like every JSON body (a chunked body has no length to refuse up front), and kept for the route.
            sha.update(bodies.bytes(ctx));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void digestParts(Context ctx, MessageDigest sha) {
        try {
            // Javalin hands Jetty its multipart settings (spooling to disk, limits) on the first read through it.
            ctx.uploadedFileMap();
            for (Part part : ctx.req().getParts()) {
                sha.update((part.getName() + "\0" + part.getSubmittedFileName() + "\0" + part.getContentType() + "\0")
                        .getBytes(StandardCharsets.UTF_8));
                try (InputStream content = part.getInputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                        sha.update(buffer, 0, read);
                    }
                }
                sha.update((byte) 0);
            }
        } catch (Exception e) {
            throw TopicRoutes.unreadableMultipart(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
