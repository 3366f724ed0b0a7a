package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords;
import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.RecordedAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/** {@link IdempotencyRecords} in memory, one lock around everything: what the Jdbi adapter does with one row lock. */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords {

    private record Id(IdempotencyScope scope, IdempotencyKey key) {
    }

    /** {@code answer} null while in flight; then {@code leaseUntil} is when the claim lapses. */
    private record Row(String fingerprint, UUID attempt, Instant leaseUntil, Instant expiresAt, RecordedAnswer answer) {
    }

    private final Map<Id, Row> rows = new HashMap<>();

    @Override
    public synchronized Claim claim(IdempotencyScope scope, IdempotencyKey key, String fingerprint, UUID attempt, Instant now, Duration lease,
                                    Duration retention) {
        Id id = new Id(scope, key);
        Row row = rows.get(id);
        boolean free = row == null || !row.expiresAt().isAfter(now) || (row.answer() == null && !row.leaseUntil().isAfter(now));
        if (free) {
            rows.put(id, new Row(fingerprint, attempt, now.plus(lease), now.plus(retention), null));
            return new Claim.Claimed();
        }
        if (!row.fingerprint().equals(fingerprint)) {
            return new Claim.OtherRequest();
        }
        return row.answer() == null ? new Claim.InFlight() : new Claim.Answered(row.answer());
    }

    @Override
    public synchronized boolean renew(IdempotencyScope scope, IdempotencyKey key, UUID attempt, Instant leaseUntil) {
        Id id = new Id(scope, key);
        Row row = rows.get(id);
        if (!heldBy(row, attempt)) {
            return false;
        }
        rows.put(id, new Row(row.fingerprint(), attempt, leaseUntil, row.expiresAt(), null));
        return true;
    }

    @Override
    public synchronized boolean complete(IdempotencyScope scope, IdempotencyKey key, UUID attempt, RecordedAnswer answer) {
        Id id = new Id(scope, key);
        Row row = rows.get(id);
        if (!heldBy(row, attempt)) {
            return false;
        }
        rows.put(id, new Row(row.fingerprint(), attempt, null, row.expiresAt(), answer));
        return true;
    }

    @Override
    public synchronized void release(IdempotencyScope scope, IdempotencyKey key, UUID attempt) {
        Id id = new Id(scope, key);
        if (heldBy(rows.get(id), attempt)) {
            rows.remove(id);
        }
    }

    @Override
    public synchronized int deleteExpired(Instant now, int limit) {
        int deleted = 0;
        for (Iterator<Row> it = rows.values().iterator(); it.hasNext() && deleted < limit; ) {
            if (!it.next().expiresAt().isAfter(now)) {
                it.remove();
                deleted++;
            }
        }
        return deleted;
    }

    /** How many records are kept, expired or not. */
    public synchronized int size() {
        return rows.size();
    }

    private static boolean heldBy(Row row, UUID attempt) {
        return row != null && row.answer() == null && row.attempt().equals(attempt);
    }
}
