package dev.avatarvideo.adapters.web;

import dev.avatarvideo.application.port.in.GenerateAvatarVideo;
import dev.avatarvideo.application.port.in.GetAvatarVideo;
import dev.avatarvideo.application.port.in.ListAvatarLooks;
import dev.avatarvideo.application.port.in.ListAvatarVideos;
import dev.avatarvideo.application.port.in.ListVoices;
import dev.avatarvideo.application.port.in.ReadStoredFile;
import dev.avatarvideo.domain.InvalidInputException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Javalin 7 with virtual threads. Every error leaves as RFC 9457 problem+json: validation problems
 * name the field, unexpected ones carry only a reference to the log line, never a stack trace.
 */
public final class JavalinServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JavalinServer.class);
    /** JSON requests are small; anything bigger is a mistake or an attack. */
    static final long MAX_JSON_BODY_BYTES = 1024 * 1024;

    /** The use cases the API exposes. */
    public record UseCases(GenerateAvatarVideo generate, GetAvatarVideo get, ListAvatarVideos list, ReadStoredFile files,
                           ListAvatarLooks avatars, ListVoices voices) {
    }

    private final Javalin app;

    public JavalinServer(UseCases useCases, RequestTenant tenant) {
        JsonBodies bodies = new JsonBodies();
        VideoRoutes videos = new VideoRoutes(useCases.generate(), useCases.get(), useCases.list(), tenant, bodies);
        FileRoutes files = new FileRoutes(useCases.files());
        CatalogRoutes catalog = new CatalogRoutes(useCases.avatars(), useCases.voices(), tenant);
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_JSON_BODY_BYTES;
            config.jsonMapper(new JavalinJackson(bodies.mapper(), true));
            config.requestLogger.http((ctx, millis) -> LOG.info("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis)));
            config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            videos.register(config.routes);
            files.register(config.routes);
            catalog.register(config.routes);
            config.routes.exception(InvalidInputException.class, (e, ctx) ->
                    problem(ctx, Problem.invalidInput(e.field(), e.getMessage(), ctx.path())));
            config.routes.exception(JsonBodies.MalformedBodyException.class, (e, ctx) ->
                    problem(ctx, Problem.malformedJson(e.field(), e.getMessage(), ctx.path())));
            config.routes.exception(NotFoundException.class, (e, ctx) ->
                    problem(ctx, Problem.notFound(e.getMessage(), ctx.path())));
            config.routes.exception(FileRoutes.RangeNotSatisfiableException.class, (e, ctx) ->
                    problem(ctx, Problem.ofStatus(416, e.getMessage(), ctx.path())));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    problem(ctx, Problem.ofStatus(e.getStatus(), e.getMessage(), ctx.path())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                String reference = UUID.randomUUID().toString();
                LOG.error("unexpected error {} on {} {}", reference, ctx.method(), ctx.path(), e);
                problem(ctx, Problem.ofStatus(500, "An unexpected error occurred; quote reference " + reference + " when reporting it.", ctx.path()));
            });
            config.routes.error(404, ctx -> {
                if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    problem(ctx, Problem.notFound("no route for " + ctx.method() + " " + ctx.path(), ctx.path()));
                }
            });
            config.routes.error(405, ctx -> problem(ctx, Problem.ofStatus(405, ctx.method() + " is not supported on " + ctx.path(), ctx.path())));
        });
    }

    public JavalinServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void problem(Context ctx, Problem problem) {
        ctx.status(problem.status()).json(problem).contentType(Problem.CONTENT_TYPE);
    }
}
