package dev.avatarvideo.application.port.out;

import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;

/** Which renderer account acts for a tenant. */
@FunctionalInterface
public interface RendererAccounts {

    RendererCredentials credentialsFor(TenantId tenant);
}
