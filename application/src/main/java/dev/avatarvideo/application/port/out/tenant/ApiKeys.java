package dev.avatarvideo.application.port.out.tenant;

import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.ApiKeyId;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The service API keys' records, each with the hash of its key (never the key). */
public interface ApiKeys {

    void add(StoredApiKey key);

    Optional<StoredApiKey> find(ApiKeyId id);

    /** A tenant's keys, revoked ones included, oldest first. */
    List<ApiKey> list(TenantId tenantId);

    /** Revokes the tenant's key; answers false when the tenant has no such key. Revoking twice keeps the first time. */
    boolean revoke(TenantId tenantId, ApiKeyId id, Instant now);

    /** A key's record and the SHA-256 of the key. */
    record StoredApiKey(ApiKey key, byte[] hash) {

        public StoredApiKey {
            Objects.requireNonNull(key, "key");
            hash = Arrays.copyOf(hash, hash.length);
        }

        @Override
        public byte[] hash() {
            return Arrays.copyOf(hash, hash.length);
        }
    }
}
