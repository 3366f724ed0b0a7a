package dev.avatarvideo.application.port.in.tenant;

import dev.avatarvideo.domain.ApiKeyId;
import dev.avatarvideo.domain.TenantId;

/** Revoke one of a tenant's service API keys: from now on it opens nothing. */
public interface RevokeApiKey {

    /** Answers false when the tenant has no such key. */
    boolean revoke(TenantId tenantId, ApiKeyId keyId);
}
