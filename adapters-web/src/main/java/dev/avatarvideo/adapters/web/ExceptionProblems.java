package dev.avatarvideo.adapters.web;

import static dev.avatarvideo.adapters.web.JavalinServer.problem;

import dev.avatarvideo.application.port.in.tenant.CreateTenant;
import dev.avatarvideo.application.port.in.topic.UpdateTopic;
import dev.avatarvideo.application.port.in.video.DeleteAvatarVideo;
import dev.avatarvideo.application.port.in.video.RetryAvatarVideo;
import dev.avatarvideo.domain.FileTooLargeException;
import dev.avatarvideo.domain.InvalidInputException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each exception a route lets out, and each 404 and 405, is answered with: a problem+json that names the field
 * where the client's input was wrong, and only a reference to the log line when the fault is ours.
 */
final class ExceptionProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionProblems.class);

    private final Function<String, List<String>> allowedMethods;

    /** @param allowedMethods the methods some route serves on a path, for the {@code Allow} header of a 405 */
    ExceptionProblems(Function<String, List<String>> allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    void register(RoutesConfig routes) {
        clientFaults(routes);
        conflicts(routes);
        routes.exception(Exception.class, ExceptionProblems::unexpected);
        routes.error(404, ExceptionProblems::noRoute);
        routes.error(405, this::methodNotAllowed);
    }

    private static void clientFaults(RoutesConfig routes) {
        routes.exception(InvalidInputException.class, (e, ctx) -> problem(ctx, Problem.invalidInput(e.field(), e.getMessage(), ctx.path())));
        routes.exception(FileTooLargeException.class, (e, ctx) -> problem(ctx, Problem.tooLarge(e.field(), e.getMessage(), ctx.path())));
        routes.exception(RequestTenant.UnauthorizedException.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", e.challenge());
            problem(ctx, Problem.unauthorized(e.getMessage(), ctx.path()));
        });
        routes.exception(JsonBodies.MalformedBodyException.class, (e, ctx) ->
                problem(ctx, Problem.malformedJson(e.field(), e.getMessage(), ctx.path())));
        routes.exception(JsonBodies.ClientFaultException.class, (e, ctx) -> problem(ctx, e.problem()));
        routes.exception(NotFoundException.class, (e, ctx) -> problem(ctx, Problem.notFound(e.getMessage(), ctx.path())));
        routes.exception(FileRoutes.FileAccessRefusedException.class, (e, ctx) -> problem(ctx, e.problem()));
        routes.exception(FileRoutes.RangeNotSatisfiableException.class, (e, ctx) ->
                problem(ctx, Problem.ofStatus(416, e.getMessage(), ctx.path())));
        routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, Problem.ofStatus(e.getStatus(), e.getMessage(), ctx.path())));
    }

    /** Requests that are well formed but clash with what is stored: 409, each with a type of its own. */
    private static void conflicts(RoutesConfig routes) {
        routes.exception(UpdateTopic.ConcurrentChangeException.class, (e, ctx) -> problem(ctx, Problem.conflict(e.getMessage(), ctx.path())));
        routes.exception(DeleteAvatarVideo.VideoShownInTopicException.class, (e, ctx) ->
                problem(ctx, Problem.ofType(409, "video-shown-in-topic", "A topic shows this video", e.getMessage(), ctx.path())));
        routes.exception(RetryAvatarVideo.NotFailedException.class, (e, ctx) ->
                problem(ctx, Problem.ofType(409, "video-not-failed", "Only a failed video can be retried", e.getMessage(), ctx.path())));
        routes.exception(CreateTenant.TenantExistsException.class, (e, ctx) ->
                problem(ctx, Problem.ofType(409, "tenant-exists", "The tenant exists already", e.getMessage(), ctx.path())));
    }

    /** A client's fault the libraries found is still the client's (4xx); anything else is ours, told only by reference. */
    private static void unexpected(Exception e, Context ctx) {
        Optional<Problem> clientsFault = ClientFaults.problemFor(e, ctx.path());
        if (clientsFault.isPresent()) {
            problem(ctx, clientsFault.get());
            return;
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("unexpected error {} on {} {}", reference, ctx.method(), ctx.path(), e);
        problem(ctx, Problem.ofStatus(500, "An unexpected error occurred; quote reference " + reference + " when reporting it.", ctx.path()));
    }

    private static void noRoute(Context ctx) {
        // A route that answered 404 itself already wrote its problem (Jetty adds a charset to the type).
        String written = ctx.res().getContentType();
        if (written == null || !written.startsWith(Problem.CONTENT_TYPE)) {
            problem(ctx, Problem.notFound("no route for " + ctx.method() + " " + ctx.path(), ctx.path()));
        }
    }

    private void methodNotAllowed(Context ctx) {
        String allowed = String.join(", ", allowedMethods.apply(ctx.path()));
        ctx.header("Allow", allowed);
        problem(ctx, Problem.ofStatus(405, ctx.method() + " is not supported on " + ctx.path() + "; it answers " + allowed, ctx.path()));
    }
}
