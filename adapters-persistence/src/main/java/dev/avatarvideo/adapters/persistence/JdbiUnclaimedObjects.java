package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The unclaimed-objects ledger in PostgreSQL. Entries are claimed with row locks; the sweeper's query skips locked
 * rows ({@code FOR UPDATE SKIP LOCKED}), so instances never handle the same entry and never wait for each other.
 */
final class JdbiUnclaimedObjects implements UnclaimedObjects {

    private final Jdbi jdbi;

    JdbiUnclaimedObjects(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(UnclaimedObject entry) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO unclaimed_objects (storage_path, tenant_id, reason, deadline)
                        VALUES (:path, :tenantId, :reason, :deadline)""")
                .bind("path", entry.key().value())
                .bind("tenantId", entry.tenantId().value())
                .bind("reason", entry.reason().name())
                .bind("deadline", entry.deadline().atOffset(ZoneOffset.UTC))
                .execute());
    }

    @Override
    public boolean remove(StorageKey key) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM unclaimed_objects WHERE storage_path = :path")
                .bind("path", key.value())
                .execute()) > 0;
    }

    @Override
    public boolean lock(StorageKey key) {
        return jdbi.withHandle(handle -> {
            requireTransaction(handle);
            return handle.createQuery("SELECT 1 FROM unclaimed_objects WHERE storage_path = :path FOR UPDATE")
                    .bind("path", key.value())
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
        });
    }

    @Override
    public List<UnclaimedObject> lockOverdue(Instant now, int limit) {
        return jdbi.withHandle(handle -> {
            requireTransaction(handle);
            return handle.createQuery("""
                            SELECT storage_path, tenant_id, reason, deadline FROM unclaimed_objects
                             WHERE deadline <= :now
                             ORDER BY deadline, storage_path
                             LIMIT :limit
                               FOR UPDATE SKIP LOCKED""")
                    .bind("now", now.atOffset(ZoneOffset.UTC))
                    .bind("limit", limit)
                    .map((rs, ctx) -> new UnclaimedObject(
                            new StorageKey(rs.getString("storage_path")),
                            new TenantId(rs.getString("tenant_id")),
                            Reason.valueOf(rs.getString("reason")),
                            rs.getObject("deadline", OffsetDateTime.class).toInstant()))
                    .list();
        });
    }

    /** A lock taken outside a transaction would be released at once and protect nothing. */
    private static void requireTransaction(Handle handle) {
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("locking ledger entries needs an open unit of work");
        }
    }
}
