package dev.avatarvideo.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A service API key's record: whose it is, what its holder called it, and whether it still opens the API. The key
 * itself ({@link ApiKeyToken}) is shown once, when it is issued, and never kept.
 *
 * @param name what the key is for ("production", "console"); defaults to "API key"
 */
public record ApiKey(ApiKeyId id, TenantId tenantId, String name, Instant createdAt, Optional<Instant> revokedAt) {

    public static final int MAX_NAME_LENGTH = 100;

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        name = name == null || name.isBlank() ? "API key" : Require.maxLength("name", name.strip(), MAX_NAME_LENGTH);
    }

    public static ApiKey issue(ApiKeyToken token, TenantId tenantId, String name, Instant now) {
        return new ApiKey(token.id(), tenantId, name, now, Optional.empty());
    }

    public boolean isActive() {
        return revokedAt.isEmpty();
    }
}
