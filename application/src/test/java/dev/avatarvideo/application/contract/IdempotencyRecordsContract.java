package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords;
import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords.Claim;
import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.RecordedAnswer;
import dev.avatarvideo.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyRecords} must do: the in-memory fake and PostgreSQL alike. */
public abstract class IdempotencyRecordsContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final RecordedAnswer ANSWER = new RecordedAnswer(202, List.of(new RecordedAnswer.Header("Content-Type", "application/json"),
            new RecordedAnswer.Header("Location", "/api/videos/4f0c")), "{\"id\":\"4f0c\",\"title\":\"Grüße\"}".getBytes(StandardCharsets.UTF_8));

    protected abstract IdempotencyRecords newRecords();

    private IdempotencyRecords records;
    private IdempotencyScope scope;
    private IdempotencyKey key;

    @BeforeEach
    void setUpRecords() {
        records = newRecords();
        scope = IdempotencyScope.of(TenantId.of("ik-" + UUID.randomUUID().toString().substring(0, 8)));
        key = new IdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324");
    }

    @Test
    void theFirstClaimHoldsTheKeyARepeatSeesItInFlightThenItsAnswerByteForByte() {
        UUID first = UUID.randomUUID();
        assertThat(records.claim(scope, key, "fp", first, T0, LEASE, RETENTION)).isEqualTo(new Claim.Claimed());
        assertThat(records.claim(scope, key, "fp", UUID.randomUUID(), T0.plusSeconds(1), LEASE, RETENTION)).isEqualTo(new Claim.InFlight());

        assertThat(records.complete(scope, key, first, ANSWER)).isTrue();

        assertThat(records.claim(scope, key, "fp", UUID.randomUUID(), T0.plusSeconds(2), LEASE, RETENTION)).isEqualTo(new Claim.Answered(ANSWER));
        assertThat(records.complete(scope, key, first, ANSWER)).as("answered once").isFalse();
    }

    @Test
    void anotherRequestUnderTheKeyIsToldApartInFlightAndAnswered() {
        UUID first = UUID.randomUUID();
        records.claim(scope, key, "fp", first, T0, LEASE, RETENTION);
        assertThat(records.claim(scope, key, "other", UUID.randomUUID(), T0, LEASE, RETENTION)).isEqualTo(new Claim.OtherRequest());

        records.complete(scope, key, first, ANSWER);

        assertThat(records.claim(scope, key, "other", UUID.randomUUID(), T0, LEASE, RETENTION)).isEqualTo(new Claim.OtherRequest());
    }

    @Test
    void eachScopeHasItsOwnKeys() {
        IdempotencyScope other = IdempotencyScope.of(TenantId.of("x" + scope.value().substring("tenant:".length())));
        UUID mine = UUID.randomUUID();
        records.claim(scope, key, "fp", mine, T0, LEASE, RETENTION);
        records.complete(scope, key, mine, ANSWER);

        assertThat(records.claim(other, key, "another body", UUID.randomUUID(), T0, LEASE, RETENTION)).isEqualTo(new Claim.Claimed());
        assertThat(records.claim(IdempotencyScope.operator(), key, "fp", UUID.randomUUID(), T0, LEASE, RETENTION)).isEqualTo(new Claim.Claimed());
        assertThat(records.claim(scope, key, "fp", UUID.randomUUID(), T0, LEASE, RETENTION)).isEqualTo(new Claim.Answered(ANSWER));
    }

    @Test
    void aLapsedLeaseFreesTheKeyAndTheOldAttemptCanNoLongerAnswer() {
        UUID dead = UUID.randomUUID();
        records.claim(scope, key, "fp", dead, T0, LEASE, RETENTION);
        assertThat(records.renew(scope, key, dead, T0.plus(LEASE).plusSeconds(10))).isTrue();
        assertThat(records.claim(scope, key, "fp", UUID.randomUUID(), T0.plus(LEASE), LEASE, RETENTION)).as("renewed").isEqualTo(new Claim.InFlight());

        UUID successor = UUID.randomUUID();
        assertThat(records.claim(scope, key, "fp", successor, T0.plus(LEASE).plusSeconds(10), LEASE, RETENTION)).isEqualTo(new Claim.Claimed());

        assertThat(records.renew(scope, key, dead, T0.plus(Duration.ofHours(1)))).isFalse();
        assertThat(records.complete(scope, key, dead, ANSWER)).isFalse();
        records.release(scope, key, dead);
        assertThat(records.claim(scope, key, "fp", UUID.randomUUID(), T0.plus(LEASE).plusSeconds(11), LEASE, RETENTION))
                .as("the old attempt's release leaves the successor's claim").isEqualTo(new Claim.InFlight());
        assertThat(records.complete(scope, key, successor, ANSWER)).isTrue();
    }

    @Test
    void aReleasedClaimLetsTheNextRequestRunAnew() {
        UUID failed = UUID.randomUUID();
        records.claim(scope, key, "fp", failed, T0, LEASE, RETENTION);

        records.release(scope, key, failed);

        assertThat(records.claim(scope, key, "another body is fine now", UUID.randomUUID(), T0, LEASE, RETENTION)).isEqualTo(new Claim.Claimed());
    }

    @Test
    void anExpiredRecordCountsAsNoneAndIsDeletedBySweeping() {
        UUID first = UUID.randomUUID();
        records.claim(scope, key, "fp", first, T0, LEASE, RETENTION);
        records.complete(scope, key, first, ANSWER);
        IdempotencyKey fresh = new IdempotencyKey("fresh-" + UUID.randomUUID());
        UUID later = UUID.randomUUID();
        records.claim(scope, fresh, "fp", later, T0.plus(Duration.ofHours(1)), LEASE, RETENTION);
        records.complete(scope, fresh, later, ANSWER);

        assertThat(records.claim(scope, key, "fp", UUID.randomUUID(), T0.plus(RETENTION).minusSeconds(1), LEASE, RETENTION))
                .isEqualTo(new Claim.Answered(ANSWER));
        assertThat(records.deleteExpired(T0.plus(RETENTION).minusSeconds(1), 100)).isZero();

        // Other tests' records may expire at the same time on a shared database: count at least this one, within the limit.
        assertThat(records.deleteExpired(T0.plus(RETENTION), 1)).isEqualTo(1);
        while (records.deleteExpired(T0.plus(RETENTION), 100) > 0) {
            assertThat(records.deleteExpired(T0.plus(RETENTION), 0)).isZero();
        }
        assertThat(records.claim(scope, key, "another body", UUID.randomUUID(), T0.plusSeconds(1), LEASE, RETENTION))
                .as("deleted: even a claim dated before its expiry finds nothing").isEqualTo(new Claim.Claimed());
        assertThat(records.claim(scope, fresh, "fp", UUID.randomUUID(), T0.plus(RETENTION), LEASE, RETENTION)).isEqualTo(new Claim.Answered(ANSWER));
    }

    @Test
    void anExpiredRecordNotYetSweptIsTakenOverByTheNextClaim() {
        UUID first = UUID.randomUUID();
        records.claim(scope, key, "fp", first, T0, LEASE, RETENTION);
        records.complete(scope, key, first, ANSWER);

        UUID next = UUID.randomUUID();
        assertThat(records.claim(scope, key, "new body", next, T0.plus(RETENTION), LEASE, RETENTION)).isEqualTo(new Claim.Claimed());
        assertThat(records.complete(scope, key, next, ANSWER)).isTrue();
    }
}
