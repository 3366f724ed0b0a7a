package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.UnclaimedObjectsContract;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects.Reason;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects.UnclaimedObject;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicContent;
import dev.avatarvideo.domain.TopicId;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger contract on a real PostgreSQL, and the locking that lets several sweepers and savers run at once. */
class JdbiUnclaimedObjectsTest extends UnclaimedObjectsContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final TenantId TENANT = TenantId.of("locks");
    private static DatabaseForTests fixture;
    private static Jdbi raw;

    @BeforeAll
    static void connect() {
        fixture = DatabaseForTests.migrated();
        raw = Jdbi.create(fixture.connection().dataSource());
    }

    @AfterAll
    static void disconnect() {
        fixture.database().close();
    }

    @Override
    protected Ledger newLedger() {
        raw.useHandle(h -> h.execute("DELETE FROM unclaimed_objects"));
        return new Ledger(fixture.database().unclaimedObjects(), fixture.database().transactions());
    }

    @Test
    void twoSweepersAtOnceNeverLockTheSameEntry() throws Exception {
        UnclaimedObjects ledger = newLedger().ledger();
        Transactions transactions = fixture.database().transactions();
        for (int i = 0; i < 10; i++) {
            ledger.add(entry(T0));
        }
        CountDownLatch bothLocked = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<UnclaimedObject>>> sweeps = List.of(
                    threads.submit(() -> lockAndHold(transactions, ledger, bothLocked)),
                    threads.submit(() -> lockAndHold(transactions, ledger, bothLocked)));
            List<UnclaimedObject> first = sweeps.get(0).get(60, TimeUnit.SECONDS);
            List<UnclaimedObject> second = sweeps.get(1).get(60, TimeUnit.SECONDS);

            // Which thread scans first is up to the scheduler; what may never happen is one entry in both hands.
            assertThat(first).hasSizeLessThanOrEqualTo(6).doesNotContainAnyElementsOf(second);
            assertThat(second).hasSizeLessThanOrEqualTo(6);
            Set<UnclaimedObject> union = new HashSet<>(first);
            union.addAll(second);
            assertThat(union).hasSize(10);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSweeperSkipsAnEntryASaveIsClaimingAndTheSaveWaitsForASweeperThatHasIt() throws Exception {
        UnclaimedObjects ledger = newLedger().ledger();
        Transactions transactions = fixture.database().transactions();
        UnclaimedObject entry = entry(T0);
        ledger.add(entry);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch swept = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(1);
        try {
            Future<Boolean> save = threads.submit(() -> transactions.inTransaction(() -> {
                boolean removed = ledger.remove(entry.key());
                claimed.countDown();
                await(swept);
                return removed;
            }));
            await(claimed);
            assertThat(transactions.inTransaction(() -> ledger.lockOverdue(T0.plusSeconds(1), 10))).as("the claiming save holds it").isEmpty();
            swept.countDown();
            assertThat(save.get(60, TimeUnit.SECONDS)).isTrue();

            UnclaimedObject another = entry(T0);
            ledger.add(another);
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> sweeper = threads.submit(() -> transactions.inTransaction(() -> {
                assertThat(ledger.lockOverdue(T0.plusSeconds(1), 10)).containsExactly(another);
                locked.countDown();
                await(release);
                ledger.remove(another.key());
            }));
            await(locked);
            Thread releaser = Thread.ofVirtual().start(() -> {
                sleep(300);
                release.countDown();
            });
            assertThat(transactions.inTransaction(() -> ledger.remove(another.key()))).as("the sweeper got it first").isFalse();
            sweeper.get(60, TimeUnit.SECONDS);
            releaser.join();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void lockingOutsideAUnitOfWorkIsRefusedBecauseItWouldProtectNothing() {
        UnclaimedObjects ledger = newLedger().ledger();

        assertThatThrownBy(() -> ledger.lockOverdue(T0, 1)).hasMessageContaining("unit of work");
        assertThatThrownBy(() -> ledger.lock(StorageKey.newFor(TENANT, "x"))).hasMessageContaining("unit of work");
    }

    @Test
    void theSchemaRefusesAnObjectThatIsBothOwnedAndUnclaimed() {
        UnclaimedObjects ledger = newLedger().ledger();
        UnclaimedObject pending = entry(T0);
        ledger.add(pending);

        assertThatThrownBy(() -> fixture.database().topics().add(Topic.create(TopicId.newId(), TENANT, "T", "en",
                List.of(new TopicContent.Attachment(file(pending.key()))), T0)))
                .hasMessageContaining("still listed as unclaimed");

        StorageKey owned = StorageKey.newFor(TENANT, "owned.pdf");
        fixture.database().topics().add(Topic.create(TopicId.newId(), TENANT, "T", "en", List.of(new TopicContent.Attachment(file(owned))), T0));
        assertThatThrownBy(() -> ledger.add(new UnclaimedObject(owned, TENANT, Reason.PURGE, T0))).hasMessageContaining("owned by a record");
    }

    private static List<UnclaimedObject> lockAndHold(Transactions transactions, UnclaimedObjects ledger, CountDownLatch bothLocked) {
        return transactions.inTransaction(() -> {
            // Each takes what it can; the one that comes second skips what the first holds.
            List<UnclaimedObject> mine = ledger.lockOverdue(T0.plusSeconds(1), 6);
            bothLocked.countDown();
            await(bothLocked);
            return mine;
        });
    }

    private static UnclaimedObject entry(Instant deadline) {
        return new UnclaimedObject(StorageKey.newFor(TENANT, "x.bin"), TENANT, Reason.UPLOAD, deadline);
    }

    private static StoredFile file(StorageKey key) {
        return new StoredFile(URI.create("http://localhost/files/" + key), "f.pdf", 1, "application/pdf", key, T0,
                "sha256:" + "00".repeat(32), "filesystem");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for the other transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
