package dev.avatarvideo.application.fakes;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.out.rendering.RendererKeys;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link RendererKeys} in maps, for fast service tests: current keys by tenant, retired ones kept until forgotten. */
public final class InMemoryRendererKeys implements RendererKeys {

    private final Map<TenantId, TenantRendererKey> current = new HashMap<>();
    private final List<TenantRendererKey> retired = new ArrayList<>();
    private volatile Predicate<RendererAccount> inFlightOn = account -> false;

    @Override
    public synchronized void save(TenantRendererKey key) {
        TenantRendererKey before = current.put(key.tenantId(), key);
        if (before != null && !before.credentials().equals(key.credentials())) {
            retired.add(before);
        }
    }

    @Override
    public synchronized Optional<TenantRendererKey> current(TenantId tenantId) {
        return Optional.ofNullable(current.get(tenantId));
    }

    @Override
    public synchronized boolean retire(TenantId tenantId, Instant now) {
        TenantRendererKey before = current.remove(tenantId);
        if (before == null) {
            return false;
        }
        retired.add(before);
        return true;
    }

    @Override
    public synchronized Optional<RendererCredentials> byAccount(RendererAccount account) {
        return java.util.stream.Stream.concat(current.values().stream(), retired.stream())
                .map(TenantRendererKey::credentials).filter(c -> c.account().equals(account)).findFirst();
    }

    @Override
    public synchronized List<TenantRendererKey> allCurrent() {
        return List.copyOf(current.values());
    }

    @Override
    public synchronized int forgetUnusedRetired() {
        int before = retired.size();
        retired.removeIf(key -> !inFlightOn.test(key.credentials().account()));
        return before - retired.size();
    }

    /** Which accounts have renders in flight, as the database knows from the video rows; none unless told. */
    public void rendersInFlightOn(Predicate<RendererAccount> accounts) {
        this.inFlightOn = accounts;
    }
}
