package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.tenant.Tenants;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Tenants} in a map, for fast service and web tests. */
public final class InMemoryTenants implements Tenants, RollbackTransactions.Participant {

    private final Map<TenantId, Tenant> byId = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(Tenant tenant) {
        return byId.putIfAbsent(tenant.id(), tenant) == null;
    }

    @Override
    public synchronized Optional<Tenant> find(TenantId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Tenant> list() {
        return byId.values().stream().sorted(Comparator.comparing(Tenant::createdAt)).toList();
    }

    @Override
    public synchronized boolean isEmpty() {
        return byId.isEmpty();
    }

    @Override
    public synchronized Runnable snapshot() {
        Map<TenantId, Tenant> copy = new LinkedHashMap<>(byId);
        return () -> {
            synchronized (this) {
                byId.clear();
                byId.putAll(copy);
            }
        };
    }
}
