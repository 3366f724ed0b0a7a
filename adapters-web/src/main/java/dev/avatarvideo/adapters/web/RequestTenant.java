package dev.avatarvideo.adapters.web;

import dev.avatarvideo.domain.TenantId;
import io.javalin.http.Context;

/** Decides which tenant a request acts for. */
@FunctionalInterface
public interface RequestTenant {

    TenantId of(Context ctx);

    /** Every request acts for one tenant: a single-tenant installation without service API keys. */
    static RequestTenant fixed(TenantId tenant) {
        return ctx -> tenant;
    }
}
