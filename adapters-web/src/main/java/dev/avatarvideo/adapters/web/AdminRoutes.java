package dev.avatarvideo.adapters.web;

import dev.avatarvideo.adapters.web.AccessJson.CreateKeyRequest;
import dev.avatarvideo.adapters.web.AccessJson.CreateTenantRequest;
import dev.avatarvideo.adapters.web.AccessJson.KeyBody;
import dev.avatarvideo.adapters.web.AccessJson.KeyListBody;
import dev.avatarvideo.adapters.web.AccessJson.TenantBody;
import dev.avatarvideo.adapters.web.AccessJson.TenantListBody;
import dev.avatarvideo.application.port.in.tenant.CreateTenant;
import dev.avatarvideo.application.port.in.tenant.CreateTenantCommand;
import dev.avatarvideo.application.port.in.tenant.IssueApiKey;
import dev.avatarvideo.application.port.in.tenant.IssuedApiKey;
import dev.avatarvideo.application.port.in.tenant.ListApiKeys;
import dev.avatarvideo.application.port.in.tenant.ListTenants;
import dev.avatarvideo.application.port.in.tenant.RevokeApiKey;
import dev.avatarvideo.domain.ApiKeyId;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.TenantId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /admin}: the operator creates tenants (each with its first API key), issues and revokes any tenant's keys
 * (say, for a tenant that lost all of its own), and reads how renders are tracked over all tenants.
 */
final class AdminRoutes {

    private final CreateTenant createTenant;
    private final ListTenants listTenants;
    private final IssueApiKey issueKey;
    private final ListApiKeys listKeys;
    private final RevokeApiKey revokeKey;
    private final JsonBodies bodies;

    AdminRoutes(CreateTenant createTenant, ListTenants listTenants, IssueApiKey issueKey, ListApiKeys listKeys, RevokeApiKey revokeKey,
                JsonBodies bodies) {
        this.createTenant = createTenant;
        this.listTenants = listTenants;
        this.issueKey = issueKey;
        this.listKeys = listKeys;
        this.revokeKey = revokeKey;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/admin/tenants", this::createTenant);
        routes.get("/admin/tenants", ctx -> ctx.json(new TenantListBody(listTenants.list().stream().map(TenantBody::of).toList())));
        routes.post("/admin/tenants/{tenantId}/api-keys", this::issueKey);
        routes.get("/admin/tenants/{tenantId}/api-keys", ctx -> ctx.json(new KeyListBody(
                listKeys.list(tenant(ctx)).stream().map(KeyBody::of).toList())));
        routes.delete("/admin/tenants/{tenantId}/api-keys/{keyId}", ctx -> {
            String keyId = ctx.pathParam("keyId");
            TenantId tenant = tenant(ctx);
            if (!ApiKeyId.parse(keyId).map(id -> revokeKey.revoke(tenant, id)).orElse(false)) {
                throw new NotFoundException("tenant " + tenant + " has no API key " + keyId);
            }
            ctx.status(204);
        });
    }

    private void createTenant(Context ctx) {
        CreateTenantRequest request = bodies.read(ctx, CreateTenantRequest.class);
        CreateTenant.CreatedTenant created = createTenant.create(
                CreateTenantCommand.fromFields(request.id(), request.name(), request.keyName()));
        TenantBody tenant = TenantBody.of(created.tenant());
        ctx.status(201).header("Location", "/admin/tenants/" + tenant.id()).header("Cache-Control", "no-store")
                .json(new TenantBody(tenant.id(), tenant.name(), tenant.createdAt(), KeyBody.issued(created.firstKey())));
    }

    private void issueKey(Context ctx) {
        TenantId tenant = tenant(ctx);
        byte[] body = bodies.bytes(ctx);
        String name = body.length == 0 ? null : bodies.read(body, CreateKeyRequest.class).name();
        IssuedApiKey issued = issueKey.issue(tenant, name);
        ApiKeyRoutes.issued(ctx, issued, "/admin/tenants/" + tenant + "/api-keys/" + issued.key().id());
    }

    /** A tenant that exists; any other id names nothing. */
    private TenantId tenant(Context ctx) {
        String text = ctx.pathParam("tenantId");
        try {
            TenantId id = TenantId.of(text);
            if (listTenants.list().stream().anyMatch(t -> t.id().equals(id))) {
                return id;
            }
        } catch (InvalidInputException e) {
            // answered below
        }
        throw new NotFoundException("no tenant " + text);
    }
}
