package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.tenant.ApiKeys;
import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.ApiKeyId;
import dev.avatarvideo.domain.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link ApiKeys} in {@code api_keys}: the hash of each key, never the key. */
final class JdbiApiKeys implements ApiKeys {

    private final Jdbi jdbi;

    JdbiApiKeys(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(StoredApiKey stored) {
        ApiKey key = stored.key();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO api_keys (id, tenant_id, name, key_hash, created_at, revoked_at)
                        VALUES (:id, :tenantId, :name, :hash, :createdAt, :revokedAt)""")
                .bind("id", key.id().value())
                .bind("tenantId", key.tenantId().value())
                .bind("name", key.name())
                .bind("hash", stored.hash())
                .bind("createdAt", JdbiVideos.utc(key.createdAt()))
                .bind("revokedAt", key.revokedAt().map(JdbiVideos::utc).orElse(null))
                .execute());
    }

    @Override
    public Optional<StoredApiKey> find(ApiKeyId id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM api_keys WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new StoredApiKey(key(rs), rs.getBytes("key_hash")))
                .findOne());
    }

    @Override
    public List<ApiKey> list(TenantId tenantId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM api_keys WHERE tenant_id = :tenantId ORDER BY created_at, id")
                .bind("tenantId", tenantId.value())
                .map((rs, ctx) -> key(rs))
                .list());
    }

    @Override
    public boolean revoke(TenantId tenantId, ApiKeyId id, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE api_keys SET revoked_at = coalesce(revoked_at, :now) WHERE id = :id AND tenant_id = :tenantId""")
                .bind("id", id.value())
                .bind("tenantId", tenantId.value())
                .bind("now", JdbiVideos.utc(now))
                .execute() == 1);
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(new ApiKeyId(rs.getString("id")), new TenantId(rs.getString("tenant_id")), rs.getString("name"),
                JdbiVideos.instant(rs, "created_at"), Optional.ofNullable(JdbiVideos.instant(rs, "revoked_at")));
    }
}
