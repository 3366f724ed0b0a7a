package dev.avatarvideo.application.port.in.tenant;

import dev.avatarvideo.domain.TenantId;

/** Issue a new service API key for a tenant. */
public interface IssueApiKey {

    /** @param name what the key is for; blank for the default name */
    IssuedApiKey issue(TenantId tenantId, String name);
}
