package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects.Reason;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects.UnclaimedObject;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UnclaimedObjects} ledger must do; the in-memory fake and the database adapter pass the same tests. */
public abstract class UnclaimedObjectsContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");
    private static final TenantId TENANT = TenantId.of("ledger");

    private UnclaimedObjects ledger;
    private Transactions transactions;

    /** A ledger and the unit of work it takes part in. */
    public record Ledger(UnclaimedObjects ledger, Transactions transactions) {
    }

    /** A fresh, empty ledger. */
    protected abstract Ledger newLedger();

    @BeforeEach
    void setUpLedger() {
        Ledger fresh = newLedger();
        ledger = fresh.ledger();
        transactions = fresh.transactions();
    }

    @Test
    void anEntryIsRemovedOnceAndOnlyOnce() {
        UnclaimedObject entry = entry(Reason.UPLOAD, T0);
        ledger.add(entry);

        assertThat(transactions.inTransaction(() -> ledger.lock(entry.key()))).isTrue();
        assertThat(ledger.remove(entry.key())).isTrue();
        assertThat(ledger.remove(entry.key())).isFalse();
        assertThat(transactions.inTransaction(() -> ledger.lock(entry.key()))).isFalse();
    }

    @Test
    void refusesASecondEntryForTheSameObject() {
        UnclaimedObject entry = entry(Reason.UPLOAD, T0);
        ledger.add(entry);

        assertThatThrownBy(() -> ledger.add(new UnclaimedObject(entry.key(), TENANT, Reason.PURGE, T0))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void overdueEntriesComeOldestDeadlineFirstWithEveryField() {
        UnclaimedObject late = entry(Reason.UPLOAD, T0.plusSeconds(30));
        UnclaimedObject dueNow = entry(Reason.PURGE, T0.plusSeconds(60));
        UnclaimedObject early = entry(Reason.UPLOAD, T0.plusSeconds(10));
        UnclaimedObject notYet = entry(Reason.UPLOAD, T0.plusSeconds(61));
        List.of(late, dueNow, early, notYet).forEach(ledger::add);

        List<UnclaimedObject> overdue = transactions.inTransaction(() -> ledger.lockOverdue(T0.plusSeconds(60), 10));
        List<UnclaimedObject> firstTwo = transactions.inTransaction(() -> ledger.lockOverdue(T0.plusSeconds(60), 2));

        assertThat(overdue).containsExactly(early, late, dueNow);
        assertThat(firstTwo).containsExactly(early, late);
    }

    @Test
    void aRemovedEntryIsNoLongerOverdue() {
        UnclaimedObject entry = entry(Reason.PURGE, T0);
        ledger.add(entry);

        transactions.inTransaction(() -> {
            assertThat(ledger.lockOverdue(T0, 10)).containsExactly(entry);
            assertThat(ledger.remove(entry.key())).isTrue();
        });

        assertThat(transactions.inTransaction(() -> ledger.lockOverdue(T0.plusSeconds(3600), 10))).isEmpty();
    }

    private static UnclaimedObject entry(Reason reason, Instant deadline) {
        return new UnclaimedObject(StorageKey.newFor(TENANT, "f.bin"), TENANT, reason, deadline);
    }
}
