package dev.avatarvideo.application.port.out.storage;

import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ledger of stored objects that no committed record owns: uploads still on their way to being recorded, and
 * objects whose record was removed and which are being purged. An object is either owned by a record or listed here,
 * never both, so whatever a crash interrupts, the sweeper can finish: it deletes the object of every entry past its
 * deadline, then the entry.
 *
 * <p>Every method takes part in the caller's unit of work when one is open. Entries for uploads are added before
 * the upload, outside any unit of work, so that they commit at once and survive whatever happens next.
 */
public interface UnclaimedObjects {

    void add(UnclaimedObject entry);

    /**
     * Removes the entry for the key and answers whether there was one. Inside the unit of work that records an
     * upload, a {@code false} means the sweeper has already deleted (or is deleting) the object: the record must not
     * be saved.
     */
    boolean remove(StorageKey key);

    /**
     * Locks the entry for the key until the unit of work ends, waiting while another one holds it, and answers whether
     * it (still) exists. Needs an open unit of work.
     */
    boolean lock(StorageKey key);

    /**
     * Up to {@code limit} entries past their deadline, oldest deadline first, locked until the unit of work ends.
     * Entries another unit of work has locked are skipped, so several sweepers never handle the same entry. Needs an
     * open unit of work.
     */
    List<UnclaimedObject> lockOverdue(Instant now, int limit);

    /** Why an object has no owner. */
    enum Reason {
        /** Stored, or being stored, for a record that has not been committed yet. */
        UPLOAD,
        /** Its record was removed; the object is being deleted. */
        PURGE
    }

    /**
     * One object without an owner.
     *
     * @param deadline when the sweeper may delete the object; for an upload, the moment it counts as abandoned
     */
    record UnclaimedObject(StorageKey key, TenantId tenantId, Reason reason, Instant deadline) {

        public UnclaimedObject {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(deadline, "deadline");
            if (!key.tenant().equals(tenantId)) {
                throw new IllegalArgumentException("object " + key + " is not stored under tenant " + tenantId);
            }
        }
    }
}
