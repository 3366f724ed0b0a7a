package dev.avatarvideo.adapters.persistence;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * This instance's claims on videos. A claim is a lease in the video's row (owner and expiry), taken with
 * {@code FOR UPDATE SKIP LOCKED} so two workers never take the same row. The owner renews its leases while it works
 * ({@link #renew}, a few times per lease length); when the process dies they lapse, and any other instance may claim
 * the videos again. Only claims this process holds now are renewed: one it gave up, or lost, is never kept alive.
 */
public final class WorkerLeases {

    private final Jdbi jdbi;
    private final String owner;
    private final Duration length;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();

    WorkerLeases(Jdbi jdbi, String owner, Duration length) {
        this.jdbi = jdbi;
        this.owner = Objects.requireNonNull(owner, "owner");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a lease must last a while");
        }
        this.length = length;
    }

    /** A name that tells this process apart in the database: host, process id and a random part. */
    static String newOwner() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    String owner() {
        return owner;
    }

    /** Extends every lease this process holds to {@code now} plus the lease length; answers how many it still holds. */
    public int renew(Instant now) {
        if (held.isEmpty()) {
            return 0;
        }
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE avatar_videos SET lease_until = :until
                         WHERE lease_owner = :owner AND id = ANY(:ids)""")
                .bind("until", JdbiVideos.utc(until(now)))
                .bind("owner", owner)
                .bindArray("ids", UUID.class, held.toArray(UUID[]::new))
                .execute());
    }

    Instant until(Instant now) {
        return now.plus(length);
    }

    void holding(Collection<UUID> ids) {
        held.addAll(ids);
    }

    void released(UUID id) {
        held.remove(id);
    }

    /** How many claims this process holds; for tests. */
    int holding() {
        return held.size();
    }
}
