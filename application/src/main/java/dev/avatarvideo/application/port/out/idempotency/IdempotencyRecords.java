package dev.avatarvideo.application.port.out.idempotency;

import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.RecordedAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The requests made with an idempotency key and their answers, shared by every instance, so a repeat anywhere gets
 * the first answer. A record is in flight (an attempt holds it under a lease) until it is answered; it expires a
 * fixed time after it was made, and an expired record counts as none.
 */
public interface IdempotencyRecords {

    /**
     * Makes {@code attempt} the holder of the key, unless a live record has it: one answered and not expired, or one
     * in flight whose lease has not lapsed. A lapsed lease means the instance holding it died; the key is taken over.
     *
     * @param fingerprint what the request was (method, path, body), so a different request under the same key is told apart
     * @param lease       how long the claim holds unless renewed
     * @param retention   how long the record lives, from now
     */
    Claim claim(IdempotencyScope scope, IdempotencyKey key, String fingerprint, UUID attempt, Instant now, Duration lease, Duration retention);

    /** Extends the lease of {@code attempt}; false if it no longer holds the key (answered, released or taken over). */
    boolean renew(IdempotencyScope scope, IdempotencyKey key, UUID attempt, Instant leaseUntil);

    /** Keeps the answer of {@code attempt} for its repeats; false if the attempt no longer holds the key. */
    boolean complete(IdempotencyScope scope, IdempotencyKey key, UUID attempt, RecordedAnswer answer);

    /** Forgets the claim of {@code attempt}, so the next request with the key is carried out anew. */
    void release(IdempotencyScope scope, IdempotencyKey key, UUID attempt);

    /** Deletes up to {@code limit} records expired at {@code now}; answers how many. */
    int deleteExpired(Instant now, int limit);

    /** What a claim found. */
    sealed interface Claim {

        /** The attempt holds the key now: carry the request out. */
        record Claimed() implements Claim {
        }

        /** The same request was answered before: give this answer. */
        record Answered(RecordedAnswer answer) implements Claim {
        }

        /** The same request is being carried out right now, under a live lease. */
        record InFlight() implements Claim {
        }

        /** The key was used for another request (another fingerprint). */
        record OtherRequest() implements Claim {
        }
    }
}
