package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects.Reason;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects.UnclaimedObject;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Adds objects to storage and takes them away so that no crash, lost connection or failed commit leaves an object
 * without a record or a record without its object.
 *
 * <p>The protocol, for an upload: an entry in the {@link UnclaimedObjects} ledger is committed first, with a deadline;
 * then the object is stored; then one unit of work saves the records and claims the entry. If that
 * unit of work fails the object is removed at once, and if the process dies before it could be, the sweeper removes
 * it once the deadline has passed. For a purge, the unit of work that removes the record adds a ledger entry due at
 * once; the object is deleted right after the commit, then the entry — and the sweeper finishes that too if a crash
 * intervenes. A record that commits always points at an object that exists, because the sweeper and the claim both
 * take the ledger entry under a row lock and only one of them can have it.
 */
public final class CrashSafeStorage {

    private static final Logger LOG = System.getLogger(CrashSafeStorage.class.getName());

    private final FileStorage storage;
    private final UnclaimedObjects ledger;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration uploadGrace;

    /**
     * @param uploadGrace how long an upload may take from its ledger entry to the commit of its record; after that the
     *                    sweeper treats the object as abandoned, so it must comfortably exceed the slowest upload
     */
    public CrashSafeStorage(FileStorage storage, UnclaimedObjects ledger, Transactions transactions, Clock clock, Duration uploadGrace) {
        this.storage = storage;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
        this.uploadGrace = Objects.requireNonNull(uploadGrace, "uploadGrace");
    }

    /**
     * Commits a ledger entry for the key, then stores the content. When storing fails the object is removed at once
     * (best effort) and the failure is rethrown. Call outside any unit of work, so the entry commits before the upload.
     */
    public StoredFile upload(StorageKey key, FileUpload upload) {
        ledger.add(new UnclaimedObject(key, key.tenant(), Reason.UPLOAD, clock.now().plus(uploadGrace)));
        try {
            return storage.store(key, upload);
        } catch (RuntimeException e) {
            discardUnrecorded(key);
            throw e;
        }
    }

    /**
     * Runs the unit of work that saves the records of uploaded objects, claiming their ledger entries in it, and
     * answers what it answers. When it fails the objects are removed at once (best effort) and the failure rethrown.
     *
     * <p>A failure inside the work means nothing committed, so the objects go without further ado. A failure at the
     * commit itself leaves it open whether the commit happened (a connection lost at that moment), so then the ledger
     * decides: committing removed the entries, so an object is deleted only while its entry still exists — taken under
     * a lock, so a concurrent sweep cannot interleave. When even the ledger cannot be asked, the sweeper decides after
     * the deadline.
     *
     * @throws IllegalStateException when an upload outlived its grace period and the sweeper has taken its entry: its
     *                               record must not be saved, and nothing is
     */
    public <T> T saveClaiming(Collection<StorageKey> uploaded, Supplier<T> saveRecords) {
        boolean[] reachedCommit = {false};
        try {
            return transactions.inTransaction(() -> {
                uploaded.forEach(this::claim);
                T result = saveRecords.get();
                reachedCommit[0] = true;
                return result;
            });
        } catch (RuntimeException e) {
            uploaded.forEach(reachedCommit[0] ? this::discardUnlessRecorded : this::discardUnrecorded);
            throw e;
        }
    }

    private void claim(StorageKey key) {
        if (!ledger.remove(key)) {
            throw new IllegalStateException("the upload of " + key + " took longer than its grace period of " + uploadGrace
                    + " and was swept; nothing was saved");
        }
    }

    /**
     * Undoes an upload that nothing can have recorded: object first, then ledger entry. Best effort; whatever fails
     * here the sweeper finishes after the deadline.
     */
    public void discardUnrecorded(StorageKey key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove " + key + " after a failed save; the sweeper removes it after its grace period", e);
            return;
        }
        try {
            ledger.remove(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "removed " + key + " but not its ledger entry; the sweeper clears it", e);
        }
    }

    private void discardUnlessRecorded(StorageKey key) {
        try {
            transactions.inTransaction(() -> {
                if (ledger.lock(key)) {
                    storage.delete(key);
                    ledger.remove(key);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove " + key + " after a failed commit; the sweeper removes it after its grace period", e);
        }
    }

    /** Hands a no longer recorded object to the ledger for deletion; call inside the unit of work that drops its record. */
    public void schedulePurge(StorageKey key) {
        ledger.add(new UnclaimedObject(key, key.tenant(), Reason.PURGE, clock.now()));
    }

    /**
     * Deletes an object whose purge was scheduled and committed: object first, then its ledger entry. Best effort;
     * the sweeper finishes what fails.
     */
    public void purge(StorageKey key) {
        try {
            storage.delete(key);
            ledger.remove(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "purging " + key + " did not finish; the sweeper completes it", e);
        }
    }
}
