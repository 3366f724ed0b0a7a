package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords;
import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.RecordedAnswer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link IdempotencyRecords} in PostgreSQL. A claim is one {@code INSERT … ON CONFLICT DO UPDATE … WHERE}: PostgreSQL
 * lets exactly one of any number of concurrent claims (on any instance) insert the row or take over a lapsed or expired
 * one; the others find the row as it is and are told what it holds.
 */
final class JdbiIdempotencyRecords implements IdempotencyRecords {

    private final Jdbi jdbi;
    private final AesGcmSealing sealing;

    JdbiIdempotencyRecords(Jdbi jdbi, AesGcmSealing sealing) {
        this.jdbi = jdbi;
        this.sealing = sealing;
    }

    private record Found(String fingerprint, Integer status, String headers, byte[] sealedBody) {
    }

    @Override
    public Claim claim(IdempotencyScope scope, IdempotencyKey key, String fingerprint, UUID attempt, Instant now, Duration lease, Duration retention) {
        // A row released between the failed insert and the look is gone: claim again (a handful of rounds at most).
        while (true) {
            if (insertOrTakeOver(scope, key, fingerprint, attempt, now, lease, retention)) {
                return new Claim.Claimed();
            }
            Optional<Found> found = find(scope, key);
            if (found.isEmpty()) {
                continue;
            }
            Found row = found.get();
            if (!row.fingerprint().equals(fingerprint)) {
                return new Claim.OtherRequest();
            }
            return row.status() == null ? new Claim.InFlight() : new Claim.Answered(answer(scope, key, row));
        }
    }

    private boolean insertOrTakeOver(IdempotencyScope scope, IdempotencyKey key, String fingerprint, UUID attempt, Instant now, Duration lease,
                                     Duration retention) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        INSERT INTO idempotency_records (scope, idempotency_key, fingerprint, attempt, lease_until, expires_at)
                        VALUES (:scope, :key, :fingerprint, :attempt, :leaseUntil, :expiresAt)
                        ON CONFLICT (scope, idempotency_key) DO UPDATE
                            SET fingerprint = excluded.fingerprint, attempt = excluded.attempt, lease_until = excluded.lease_until,
                                expires_at = excluded.expires_at, status = NULL, headers = NULL, sealed_body = NULL
                            WHERE idempotency_records.expires_at <= :now
                               OR (idempotency_records.status IS NULL AND idempotency_records.lease_until <= :now)
                        RETURNING attempt""")
                .bind("scope", scope.value())
                .bind("key", key.value())
                .bind("fingerprint", fingerprint)
                .bind("attempt", attempt)
                .bind("leaseUntil", utc(now.plus(lease)))
                .bind("expiresAt", utc(now.plus(retention)))
                .bind("now", utc(now))
                .mapTo(UUID.class)
                .findOne()
                .isPresent());
    }

    private Optional<Found> find(IdempotencyScope scope, IdempotencyKey key) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT fingerprint, status, headers, sealed_body FROM idempotency_records
                        WHERE scope = :scope AND idempotency_key = :key""")
                .bind("scope", scope.value())
                .bind("key", key.value())
                .map((rs, ctx) -> new Found(rs.getString("fingerprint"), (Integer) rs.getObject("status"), rs.getString("headers"),
                        rs.getBytes("sealed_body")))
                .findOne());
    }

    @Override
    public boolean renew(IdempotencyScope scope, IdempotencyKey key, UUID attempt, Instant leaseUntil) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_records SET lease_until = :leaseUntil
                        WHERE scope = :scope AND idempotency_key = :key AND attempt = :attempt AND status IS NULL""")
                .bind("scope", scope.value())
                .bind("key", key.value())
                .bind("attempt", attempt)
                .bind("leaseUntil", utc(leaseUntil))
                .execute()) == 1;
    }

    @Override
    public boolean complete(IdempotencyScope scope, IdempotencyKey key, UUID attempt, RecordedAnswer answer) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_records SET status = :status, headers = :headers, sealed_body = :body, lease_until = NULL
                        WHERE scope = :scope AND idempotency_key = :key AND attempt = :attempt AND status IS NULL""")
                .bind("scope", scope.value())
                .bind("key", key.value())
                .bind("attempt", attempt)
                .bind("status", answer.status())
                .bind("headers", headers(answer.headers()))
                .bind("body", sealing.seal(Base64.getEncoder().encodeToString(answer.body()), context(scope, key)))
                .execute()) == 1;
    }

    @Override
    public void release(IdempotencyScope scope, IdempotencyKey key, UUID attempt) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        DELETE FROM idempotency_records
                        WHERE scope = :scope AND idempotency_key = :key AND attempt = :attempt AND status IS NULL""")
                .bind("scope", scope.value())
                .bind("key", key.value())
                .bind("attempt", attempt)
                .execute());
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM idempotency_records WHERE ctid IN (
                            SELECT ctid FROM idempotency_records WHERE expires_at <= :now LIMIT :limit)""")
                .bind("now", utc(now))
                .bind("limit", limit)
                .execute());
    }

    /** What a sealed answer is bound to, so it opens only on its own row. */
    private static String context(IdempotencyScope scope, IdempotencyKey key) {
        return "idempotency_records/" + scope.value() + "/" + key.value();
    }

    private RecordedAnswer answer(IdempotencyScope scope, IdempotencyKey key, Found row) {
        byte[] body = Base64.getDecoder().decode(sealing.open(row.sealedBody(), context(scope, key)));
        List<RecordedAnswer.Header> headers = new ArrayList<>();
        for (String line : row.headers().split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new RecordedAnswer.Header(line.substring(0, colon), line.substring(colon + 1)));
            }
        }
        return new RecordedAnswer(row.status(), headers, body);
    }

    /** One {@code Name:value} a line; header values never hold a line break. */
    private static String headers(List<RecordedAnswer.Header> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach(header -> text.append(header.name()).append(':').append(header.value()).append('\n'));
        return text.toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
