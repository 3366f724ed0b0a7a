package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.operations.SweepUnclaimedObjects;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects.UnclaimedObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Deletes the object of every ledger entry past its deadline, then the entry, a batch per unit of work. Entries are
 * locked while being handled and locked ones skipped, so any number of instances can sweep side by side, and a save
 * that is claiming an entry at this moment either wins (the object stays) or finds it gone (and saves nothing).
 */
public final class UnclaimedObjectSweeper implements SweepUnclaimedObjects {

    private static final Logger LOG = System.getLogger(UnclaimedObjectSweeper.class.getName());
    /** Bounds one sweep, so a huge backlog cannot keep one unit of work (and the loop) busy for long. */
    private static final int MAX_BATCHES_PER_SWEEP = 10;

    private final UnclaimedObjects ledger;
    private final FileStorage storage;
    private final Transactions transactions;
    private final Clock clock;
    private final int batchSize;

    public UnclaimedObjectSweeper(UnclaimedObjects ledger, FileStorage storage, Transactions transactions, Clock clock, int batchSize) {
        this.ledger = ledger;
        this.storage = storage;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Override
    public int sweepOnce() {
        int deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
            int[] counts = transactions.inTransaction(this::sweepBatch);
            deleted += counts[1];
            if (counts[0] < batchSize || counts[1] == 0) {
                break;
            }
        }
        return deleted;
    }

    /** Answers how many overdue entries it saw and how many of their objects it deleted. */
    private int[] sweepBatch() {
        List<UnclaimedObject> overdue = ledger.lockOverdue(clock.now(), batchSize);
        int deleted = 0;
        for (UnclaimedObject entry : overdue) {
            try {
                storage.delete(entry.key());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not delete " + entry.key() + "; the next sweep tries again", e);
                continue;
            }
            ledger.remove(entry.key());
            deleted++;
            LOG.log(Level.INFO, "swept {0} ({1}, due {2})", entry.key(), entry.reason(), entry.deadline());
        }
        return new int[] {overdue.size(), deleted};
    }
}
