package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.domain.StorageKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UnclaimedObjects} in a map, for fast service tests. It has no locks, so it only stands in for the database
 * where one thread works at a time; the locking itself is tested on PostgreSQL.
 */
public final class InMemoryUnclaimedObjects implements UnclaimedObjects, RollbackTransactions.Participant {

    private final ConcurrentHashMap<StorageKey, UnclaimedObject> entries = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    @Override
    public void add(UnclaimedObject entry) {
        failIfBroken();
        if (entries.putIfAbsent(entry.key(), entry) != null) {
            throw new IllegalStateException("ledger already has an entry for " + entry.key());
        }
    }

    @Override
    public boolean remove(StorageKey key) {
        failIfBroken();
        return entries.remove(key) != null;
    }

    @Override
    public boolean lock(StorageKey key) {
        failIfBroken();
        return entries.containsKey(key);
    }

    @Override
    public List<UnclaimedObject> lockOverdue(Instant now, int limit) {
        failIfBroken();
        return entries.values().stream()
                .filter(e -> !e.deadline().isAfter(now))
                .sorted(Comparator.comparing(UnclaimedObject::deadline))
                .limit(limit)
                .toList();
    }

    public List<UnclaimedObject> entries() {
        return List.copyOf(entries.values());
    }

    /** Every call fails with this exception until {@link #works()}, as an unreachable database would. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public void works() {
        this.failure = null;
    }

    private void failIfBroken() {
        RuntimeException current = failure;
        if (current != null) {
            throw current;
        }
    }

    @Override
    public Runnable snapshot() {
        java.util.Map<StorageKey, UnclaimedObject> copy = new java.util.HashMap<>(entries);
        return () -> {
            entries.clear();
            entries.putAll(copy);
        };
    }
}
