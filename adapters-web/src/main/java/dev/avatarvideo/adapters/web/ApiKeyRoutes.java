package dev.avatarvideo.adapters.web;

import dev.avatarvideo.adapters.web.AccessJson.CreateKeyRequest;
import dev.avatarvideo.adapters.web.AccessJson.KeyBody;
import dev.avatarvideo.adapters.web.AccessJson.KeyListBody;
import dev.avatarvideo.application.port.in.tenant.IssueApiKey;
import dev.avatarvideo.application.port.in.tenant.IssuedApiKey;
import dev.avatarvideo.application.port.in.tenant.ListApiKeys;
import dev.avatarvideo.application.port.in.tenant.RevokeApiKey;
import dev.avatarvideo.domain.ApiKeyId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /api/api-keys}: a tenant manages its own service API keys. A new key is shown once, in the answer that issues
 * it; listings show names and dates only. Another tenant's key is not found, exactly like one that does not exist.
 */
final class ApiKeyRoutes {

    private final IssueApiKey issue;
    private final ListApiKeys list;
    private final RevokeApiKey revoke;
    private final RequestTenant tenant;
    private final JsonBodies bodies;

    ApiKeyRoutes(IssueApiKey issue, ListApiKeys list, RevokeApiKey revoke, RequestTenant tenant, JsonBodies bodies) {
        this.issue = issue;
        this.list = list;
        this.revoke = revoke;
        this.tenant = tenant;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/api-keys", this::create);
        routes.get("/api/api-keys", ctx -> ctx.json(new KeyListBody(list.list(tenant.of(ctx)).stream().map(KeyBody::of).toList())));
        routes.delete("/api/api-keys/{id}", this::revoke);
    }

    private void create(Context ctx) {
        String name = optionalBody(ctx).name();
        IssuedApiKey issued = issue.issue(tenant.of(ctx), name);
        issued(ctx, issued, "/api/api-keys/" + issued.key().id());
    }

    /** The body may be left out (or empty) for a key with the default name. */
    private CreateKeyRequest optionalBody(Context ctx) {
        byte[] body = bodies.bytes(ctx);
        return body.length == 0 ? new CreateKeyRequest(null) : bodies.read(body, CreateKeyRequest.class);
    }

    private void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        boolean revoked = ApiKeyId.parse(id).map(parsed -> revoke.revoke(tenant.of(ctx), parsed)).orElse(false);
        if (!revoked) {
            throw new NotFoundException("no API key " + id);
        }
        ctx.status(204);
    }

    static void issued(Context ctx, IssuedApiKey issued, String location) {
        ctx.status(201).header("Location", location).header("Cache-Control", "no-store").json(KeyBody.issued(issued));
    }
}
