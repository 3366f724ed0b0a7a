package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.avatarvideo.application.port.in.notification.AddNotificationEndpoint;
import dev.avatarvideo.application.port.in.notification.AddNotificationEndpointCommand;
import dev.avatarvideo.application.port.in.notification.ListNotificationEndpoints;
import dev.avatarvideo.application.port.in.notification.RemoveNotificationEndpoint;
import dev.avatarvideo.application.port.in.notification.RotateCallbackSecret;
import dev.avatarvideo.application.port.in.notification.ShowCallbackSecret;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/webhook-endpoints}: the platform's endpoints for signed notifications about its videos, and
 * {@code /api/callback-secret}, the secret that signs calls to per-request {@code callbackUrl}s.
 */
final class NotificationRoutes {

    /** The use cases behind these routes. */
    record UseCases(AddNotificationEndpoint add, ListNotificationEndpoints list, RemoveNotificationEndpoint remove,
                    ShowCallbackSecret showCallbackSecret, RotateCallbackSecret rotateCallbackSecret) {
    }

    record CreateEndpointRequest(String url, List<String> events) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EndpointBody(String id, String url, List<String> events, Instant createdAt, String secret) {

        static EndpointBody of(NotificationEndpoint endpoint, SigningSecret secret) {
            return new EndpointBody(endpoint.id().toString(), endpoint.url().toString(),
                    endpoint.statuses().stream().sorted().map(VideoEvent::typeOf).toList(), endpoint.createdAt(),
                    secret == null ? null : secret.value());
        }
    }

    record EndpointListBody(List<EndpointBody> items) {
    }

    record SecretBody(String secret) {
    }

    private final UseCases useCases;
    private final RequestTenant tenant;
    private final JsonBodies bodies;

    NotificationRoutes(UseCases useCases, RequestTenant tenant, JsonBodies bodies) {
        this.useCases = useCases;
        this.tenant = tenant;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/webhook-endpoints", this::create);
        routes.get("/api/webhook-endpoints", this::list);
        routes.delete("/api/webhook-endpoints/{id}", this::remove);
        routes.get("/api/callback-secret", ctx -> secret(ctx, useCases.showCallbackSecret().show(tenant.of(ctx))));
        routes.post("/api/callback-secret/rotate", ctx -> secret(ctx, useCases.rotateCallbackSecret().rotate(tenant.of(ctx))));
    }

    private void create(Context ctx) {
        CreateEndpointRequest request = bodies.read(ctx, CreateEndpointRequest.class);
        AddNotificationEndpoint.Added added = useCases.add().add(
                AddNotificationEndpointCommand.fromFields(tenant.of(ctx), request.url(), request.events()));
        ctx.status(201)
                .header("Location", "/api/webhook-endpoints/" + added.endpoint().id())
                .header("Cache-Control", "no-store")
                .json(EndpointBody.of(added.endpoint(), added.secret()));
    }

    private void list(Context ctx) {
        ctx.json(new EndpointListBody(useCases.list().list(tenant.of(ctx)).stream().map(e -> EndpointBody.of(e, null)).toList()));
    }

    private void remove(Context ctx) {
        String id = ctx.pathParam("id");
        boolean removed = NotificationEndpointId.parse(id).map(parsed -> useCases.remove().remove(tenant.of(ctx), parsed)).orElse(false);
        if (!removed) {
            throw new NotFoundException("no webhook endpoint " + id);
        }
        ctx.status(204);
    }

    private static void secret(Context ctx, SigningSecret secret) {
        ctx.header("Cache-Control", "no-store").json(new SecretBody(secret.value()));
    }
}
