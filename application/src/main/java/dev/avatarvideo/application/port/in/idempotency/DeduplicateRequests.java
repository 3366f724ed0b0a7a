package dev.avatarvideo.application.port.in.idempotency;

import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.RecordedAnswer;
import java.util.UUID;

/**
 * Requests that create something, made with an idempotency key, take effect once: the first is carried out and its
 * answer kept; a repeat gets that answer. A repeat that arrives while the first is still running waits a little for
 * it, so retries sent all at once still get one and the same answer.
 */
public interface DeduplicateRequests {

    /**
     * @param fingerprint what the request is (method, path and body, hashed), to tell a repeat from a new request that
     *                    reuses the key
     * @throws KeyReusedException when the key was used for another request
     * @throws StillInFlightException when the first request with the key is still running after the wait
     */
    Start begin(IdempotencyScope scope, IdempotencyKey key, String fingerprint);

    /** Keeps {@code answer} for the repeats of the request {@code attempt} carried out. */
    void finish(Attempt attempt, RecordedAnswer answer);

    /** The request's answer is not one to give again (the service failed): its next repeat is carried out anew. */
    void abandon(Attempt attempt);

    /** The right to carry out one request with a key. */
    record Attempt(IdempotencyScope scope, IdempotencyKey key, UUID id) {
    }

    /** What to do with a request. */
    sealed interface Start {

        /** Carry it out, then {@link #finish} or {@link #abandon} the attempt. */
        record Proceed(Attempt attempt) implements Start {
        }

        /** Give this answer again; nothing is carried out. */
        record Replay(RecordedAnswer answer) implements Start {
        }
    }

    /** The key was used before for a request with another method, path or body. */
    final class KeyReusedException extends RuntimeException {

        public KeyReusedException() {
            super("this Idempotency-Key was used for another request (another method, path or body) whose answer is still kept;"
                    + " send a new key with each new request, and the same key only to repeat one exactly");
        }
    }

    /** The first request with the key is still being carried out. */
    final class StillInFlightException extends RuntimeException {

        public StillInFlightException() {
            super("a request with this Idempotency-Key is still being carried out; repeat it in a moment to get its answer");
        }
    }
}
