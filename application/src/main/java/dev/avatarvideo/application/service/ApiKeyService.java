package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.tenant.AuthenticateApiKey;
import dev.avatarvideo.application.port.in.tenant.IssueApiKey;
import dev.avatarvideo.application.port.in.tenant.IssuedApiKey;
import dev.avatarvideo.application.port.in.tenant.ListApiKeys;
import dev.avatarvideo.application.port.in.tenant.RevokeApiKey;
import dev.avatarvideo.application.port.out.tenant.ApiKeys;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.ApiKeyId;
import dev.avatarvideo.domain.ApiKeyToken;
import dev.avatarvideo.domain.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Service API keys: issued as random tokens whose hash alone is kept, checked on every request by looking the record up
 * by the token's public id and comparing hashes in constant time, revoked for good. No cache: a revocation counts on
 * every instance from the next request on.
 */
public final class ApiKeyService implements AuthenticateApiKey, IssueApiKey, ListApiKeys, RevokeApiKey {

    private final ApiKeys keys;
    private final Clock clock;

    public ApiKeyService(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(String presented) {
        Optional<ApiKeyToken> token = ApiKeyToken.parse(presented);
        if (token.isEmpty()) {
            return new Authentication.Unknown();
        }
        Optional<ApiKeys.StoredApiKey> stored = keys.find(token.get().id());
        if (stored.isEmpty() || !token.get().matches(stored.get().hash())) {
            return new Authentication.Unknown();
        }
        ApiKey key = stored.get().key();
        return key.isActive() ? new Authentication.Authenticated(key.tenantId()) : new Authentication.Revoked();
    }

    @Override
    public IssuedApiKey issue(TenantId tenantId, String name) {
        ApiKeyToken token = ApiKeyToken.generate();
        ApiKey key = ApiKey.issue(token, tenantId, name, clock.now());
        keys.add(new ApiKeys.StoredApiKey(key, token.hash()));
        return new IssuedApiKey(key, token);
    }

    @Override
    public List<ApiKey> list(TenantId tenantId) {
        return keys.list(tenantId);
    }

    @Override
    public boolean revoke(TenantId tenantId, ApiKeyId keyId) {
        return keys.revoke(tenantId, keyId, clock.now());
    }
}
