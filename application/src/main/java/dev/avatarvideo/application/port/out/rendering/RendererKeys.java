package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The renderer keys tenants brought, kept protected at rest; what comes back from here is usable. A tenant has at most
 * one current key. A key it replaced or removed is kept (retired) only while renders submitted with it are still in
 * flight, because only that key can ask about them.
 */
public interface RendererKeys {

    /** Makes {@code key} the tenant's current key, retiring the one it had. */
    void save(TenantRendererKey key);

    Optional<TenantRendererKey> current(TenantId tenantId);

    /** Retires the tenant's current key; answers false when it had none. */
    boolean retire(TenantId tenantId, Instant now);

    /** Any key, current or retired, that acts on {@code account}. */
    Optional<RendererCredentials> byAccount(RendererAccount account);

    /** Every tenant's current key. */
    List<TenantRendererKey> allCurrent();

    /** Forgets retired keys no render in flight was submitted with; answers how many. */
    int forgetUnusedRetired();

    /**
     * A tenant's renderer key.
     *
     * @param accountName the renderer's name for the account, as it said when the key was checked
     */
    record TenantRendererKey(TenantId tenantId, RendererCredentials credentials, String accountName, Instant registeredAt) {

        public TenantRendererKey {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(accountName, "accountName");
            Objects.requireNonNull(registeredAt, "registeredAt");
        }
    }
}
