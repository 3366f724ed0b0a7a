package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link CallbackSecrets} in a map; held to the same contract as the database adapter. */
public final class InMemoryCallbackSecrets implements CallbackSecrets, RollbackTransactions.Participant {

    private final Map<TenantId, SigningSecret> byTenant = new ConcurrentHashMap<>();

    @Override
    public Optional<SigningSecret> find(TenantId tenantId) {
        return Optional.ofNullable(byTenant.get(tenantId));
    }

    @Override
    public SigningSecret findOrAdd(TenantId tenantId, SigningSecret candidate) {
        return byTenant.computeIfAbsent(tenantId, any -> candidate);
    }

    @Override
    public void replace(TenantId tenantId, SigningSecret secret) {
        byTenant.put(tenantId, secret);
    }

    @Override
    public Runnable snapshot() {
        Map<TenantId, SigningSecret> copy = Map.copyOf(byTenant);
        return () -> {
            byTenant.clear();
            byTenant.putAll(copy);
        };
    }
}
