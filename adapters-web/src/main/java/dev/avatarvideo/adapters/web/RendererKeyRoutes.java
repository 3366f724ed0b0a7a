package dev.avatarvideo.adapters.web;

import dev.avatarvideo.adapters.web.AccessJson.RendererKeyBody;
import dev.avatarvideo.adapters.web.AccessJson.RendererKeyRequest;
import dev.avatarvideo.application.port.in.rendererkey.RegisterRendererKey;
import dev.avatarvideo.application.port.in.rendererkey.RegisterRendererKeyCommand;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /api/heygen-key}: a tenant renders with its own HeyGen key. {@code PUT} accepts a key only once HeyGen
 * confirms it (422 naming {@code apiKey} when HeyGen refuses it, 503 when HeyGen cannot be asked); {@code GET} tells
 * whether one is set, whose account it opens and its fingerprint, never the key; {@code DELETE} goes back to the
 * service's key.
 */
final class RendererKeyRoutes {

    static final String PATH = "/api/heygen-key";

    private final JavalinServer.RendererKeyUseCases useCases;
    private final RequestTenant tenant;
    private final JsonBodies bodies;

    RendererKeyRoutes(JavalinServer.RendererKeyUseCases useCases, RequestTenant tenant, JsonBodies bodies) {
        this.useCases = useCases;
        this.tenant = tenant;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.put(PATH, this::register);
        routes.get(PATH, ctx -> ctx.json(useCases.show().show(tenant.of(ctx)).map(RendererKeyBody::of).orElse(RendererKeyBody.none())));
        routes.delete(PATH, ctx -> {
            if (!useCases.remove().remove(tenant.of(ctx))) {
                throw new NotFoundException("no HeyGen key of your own is set; your videos use the service's");
            }
            ctx.status(204);
        });
    }

    private void register(Context ctx) {
        RendererKeyRequest request = bodies.read(ctx, RendererKeyRequest.class);
        RegisterRendererKeyCommand command = RegisterRendererKeyCommand.fromFields(tenant.of(ctx), request.apiKey());
        switch (useCases.register().register(command)) {
            case RegisterRendererKey.Outcome.Registered registered -> ctx.json(RendererKeyBody.of(registered.key()));
            case RegisterRendererKey.Outcome.Refused refused -> problem(ctx, new Problem("/problems/heygen-key-rejected",
                    "HeyGen refuses this key", 422, "HeyGen did not accept the key (" + refused.message() + "); nothing was changed",
                    ctx.path(), "apiKey"));
            case RegisterRendererKey.Outcome.Unavailable unavailable -> problem(ctx, new Problem("/problems/renderer-unavailable",
                    "The renderer is unavailable", 503, "HeyGen could not be asked to confirm the key (" + unavailable.reason()
                    + "); nothing was changed, try again shortly", ctx.path(), null));
        }
    }

    private static void problem(Context ctx, Problem problem) {
        ctx.status(problem.status()).json(problem).contentType(Problem.CONTENT_TYPE);
    }
}
