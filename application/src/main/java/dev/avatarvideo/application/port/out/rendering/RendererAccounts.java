package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.util.Optional;

/** Which renderer account acts for a tenant. */
@FunctionalInterface
public interface RendererAccounts {

    /** The account a tenant's new renders are submitted with, and its listings come from. */
    RendererCredentials credentialsFor(TenantId tenant);

    /**
     * The account to ask about a render the tenant submitted on {@code account} (when recorded):
     * that account as long as its key is known here, even after the tenant replaced it, since only it knows the render.
     * Without one known, the tenant's current account. One that knows only current accounts answers that.
     */
    default RendererCredentials credentialsFor(TenantId tenant, Optional<RendererAccount> account) {
        return credentialsFor(tenant);
    }
}
