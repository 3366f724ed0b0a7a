package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.out.rendering.RendererKeys;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link RendererKeys} in {@code tenant_renderer_keys}, each key sealed with {@link AesGcmSealing} under its row:
 * sealed on write, opened on read, never stored or returned otherwise.
 */
final class JdbiRendererKeys implements RendererKeys {

    private final Jdbi jdbi;
    private final AesGcmSealing sealing;

    JdbiRendererKeys(Jdbi jdbi, AesGcmSealing sealing) {
        this.jdbi = jdbi;
        this.sealing = sealing;
    }

    @Override
    public void save(TenantRendererKey key) {
        String tenant = key.tenantId().value();
        String account = key.credentials().fingerprint();
        jdbi.useTransaction(handle -> {
            retire(handle, key.tenantId(), key.registeredAt());
            handle.createUpdate("""
                            INSERT INTO tenant_renderer_keys (tenant_id, account, sealed_secret, account_name, registered_at)
                            VALUES (:tenant, :account, :sealed, :accountName, :at)""")
                    .bind("tenant", tenant)
                    .bind("account", account)
                    .bind("sealed", sealing.seal(key.credentials().apiKey(), context(tenant, account)))
                    .bind("accountName", key.accountName())
                    .bind("at", JdbiVideos.utc(key.registeredAt()))
                    .execute();
        });
    }

    @Override
    public Optional<TenantRendererKey> current(TenantId tenantId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM tenant_renderer_keys WHERE tenant_id = :tenant AND retired_at IS NULL")
                .bind("tenant", tenantId.value())
                .map((rs, ctx) -> key(rs))
                .findOne());
    }

    @Override
    public boolean retire(TenantId tenantId, Instant now) {
        return jdbi.withHandle(handle -> retire(handle, tenantId, now) > 0);
    }

    private static int retire(Handle handle, TenantId tenantId, Instant now) {
        return handle.createUpdate("UPDATE tenant_renderer_keys SET retired_at = :now WHERE tenant_id = :tenant AND retired_at IS NULL")
                .bind("tenant", tenantId.value())
                .bind("now", JdbiVideos.utc(now))
                .execute();
    }

    @Override
    public Optional<RendererCredentials> byAccount(RendererAccount account) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM tenant_renderer_keys WHERE account = :account ORDER BY retired_at DESC NULLS FIRST LIMIT 1""")
                .bind("account", account.fingerprint())
                .map((rs, ctx) -> key(rs).credentials())
                .findOne());
    }

    @Override
    public List<TenantRendererKey> allCurrent() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM tenant_renderer_keys WHERE retired_at IS NULL ORDER BY registered_at")
                .map((rs, ctx) -> key(rs))
                .list());
    }

    @Override
    public int forgetUnusedRetired() {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM tenant_renderer_keys k
                         WHERE k.retired_at IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM avatar_videos v
                                            WHERE v.renderer_account = k.account AND v.status IN ('QUEUED', 'RENDERING', 'INGESTING'))""")
                .execute());
    }

    private TenantRendererKey key(ResultSet rs) throws SQLException {
        String tenant = rs.getString("tenant_id");
        String account = rs.getString("account");
        return new TenantRendererKey(new TenantId(tenant), new RendererCredentials(sealing.open(rs.getBytes("sealed_secret"), context(tenant, account))),
                rs.getString("account_name"), JdbiVideos.instant(rs, "registered_at"));
    }

    /** Binds a sealed key to its tenant and account. */
    private static String context(String tenant, String account) {
        return "tenant_renderer_keys/" + tenant + "/" + account;
    }
}
