package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.tenant.ApiKeys;
import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.ApiKeyId;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ApiKeys} in a map, for fast service and web tests. */
public final class InMemoryApiKeys implements ApiKeys, RollbackTransactions.Participant {

    private final Map<ApiKeyId, StoredApiKey> byId = new LinkedHashMap<>();

    @Override
    public synchronized void add(StoredApiKey key) {
        if (byId.putIfAbsent(key.key().id(), key) != null) {
            throw new IllegalStateException("key " + key.key().id() + " exists");
        }
    }

    @Override
    public synchronized Optional<StoredApiKey> find(ApiKeyId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<ApiKey> list(TenantId tenantId) {
        return byId.values().stream().map(StoredApiKey::key).filter(k -> k.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(ApiKey::createdAt)).toList();
    }

    @Override
    public synchronized boolean revoke(TenantId tenantId, ApiKeyId id, Instant now) {
        StoredApiKey stored = byId.get(id);
        if (stored == null || !stored.key().tenantId().equals(tenantId)) {
            return false;
        }
        ApiKey key = stored.key();
        if (key.isActive()) {
            byId.put(id, new StoredApiKey(new ApiKey(key.id(), key.tenantId(), key.name(), key.createdAt(), Optional.of(now)), stored.hash()));
        }
        return true;
    }

    @Override
    public synchronized Runnable snapshot() {
        Map<ApiKeyId, StoredApiKey> copy = new LinkedHashMap<>(byId);
        return () -> {
            synchronized (this) {
                byId.clear();
                byId.putAll(copy);
            }
        };
    }
}
