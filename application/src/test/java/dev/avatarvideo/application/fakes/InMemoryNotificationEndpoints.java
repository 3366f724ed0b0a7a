package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.notification.NotificationEndpoints;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link NotificationEndpoints} in a map; held to the same contract as the database adapter. */
public final class InMemoryNotificationEndpoints implements NotificationEndpoints {

    private record Entry(NotificationEndpoint endpoint, SigningSecret secret) {
    }

    private final Map<NotificationEndpointId, Entry> byId = new ConcurrentHashMap<>();

    @Override
    public void add(NotificationEndpoint endpoint, SigningSecret secret) {
        if (byId.putIfAbsent(endpoint.id(), new Entry(endpoint, secret)) != null) {
            throw new IllegalStateException("endpoint " + endpoint.id() + " already exists");
        }
    }

    @Override
    public List<NotificationEndpoint> list(TenantId tenantId) {
        return byId.values().stream().map(Entry::endpoint)
                .filter(e -> e.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(NotificationEndpoint::createdAt).thenComparing(e -> e.id().value()))
                .toList();
    }

    @Override
    public boolean remove(TenantId tenantId, NotificationEndpointId id) {
        Entry entry = byId.get(id);
        return entry != null && entry.endpoint().tenantId().equals(tenantId) && byId.remove(id, entry);
    }

    /** The secret deliveries to this endpoint would be signed with. */
    public Optional<SigningSecret> secretOf(NotificationEndpointId id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::secret);
    }
}
