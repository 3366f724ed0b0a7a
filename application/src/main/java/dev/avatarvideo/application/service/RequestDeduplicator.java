package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.idempotency.DeduplicateRequests;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords;
import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.RecordedAnswer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency keys over {@link IdempotencyRecords}: the first request with a key claims it under a lease, which this
 * instance renews while the request runs ({@link #renewLeases}); if the instance dies, the lease lapses and the key is
 * free again instead of blocked until it expires. A repeat that finds the first still running asks again, at growing
 * intervals, until the first is answered or {@code patience} is over.
 */
public final class RequestDeduplicator implements DeduplicateRequests {

    private static final Logger LOG = System.getLogger(RequestDeduplicator.class.getName());
    /** How long answers are kept, and so how long a key means the same request. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** How long a repeat waits for the first request with its key; a creation here takes milliseconds. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(5);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);
    private static final int EXPIRED_PER_ROUND = 1_000;

    private final IdempotencyRecords records;
    private final Clock clock;
    private final Duration lease;
    private final Duration retention;
    private final Duration patience;
    private final Set<Attempt> running = ConcurrentHashMap.newKeySet();

    /**
     * @param lease     how long a claim holds unless renewed: how soon a key held by a dead instance is free again
     * @param retention how long an answer is kept for repeats
     * @param patience  how long a repeat waits for the first request with its key before it is told to try again
     */
    public RequestDeduplicator(IdempotencyRecords records, Clock clock, Duration lease, Duration retention, Duration patience) {
        this.records = records;
        this.clock = clock;
        this.lease = Objects.requireNonNull(lease, "lease");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    @Override
    public Start begin(IdempotencyScope scope, IdempotencyKey key, String fingerprint) {
        UUID id = UUID.randomUUID();
        long deadline = System.nanoTime() + patience.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            switch (records.claim(scope, key, fingerprint, id, clock.now(), lease, retention)) {
                case IdempotencyRecords.Claim.Claimed claimed -> {
                    Attempt attempt = new Attempt(scope, key, id);
                    running.add(attempt);
                    return new Start.Proceed(attempt);
                }
                case IdempotencyRecords.Claim.Answered answered -> {
                    return new Start.Replay(answered.answer());
                }
                case IdempotencyRecords.Claim.OtherRequest other -> throw new KeyReusedException();
                case IdempotencyRecords.Claim.InFlight inFlight -> {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new StillInFlightException();
                    }
                    pause(Math.min(pause.toNanos(), left));
                    pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
                }
            }
        }
    }

    @Override
    public void finish(Attempt attempt, RecordedAnswer answer) {
        running.remove(attempt);
        if (!records.complete(attempt.scope(), attempt.key(), attempt.id(), answer)) {
            // Its lease lapsed (this instance stalled) and a repeat took the key over; that one's answer will be kept.
            LOG.log(Level.WARNING, "the answer of idempotent attempt {0} was not kept: its claim had lapsed", attempt.id());
        }
    }

    @Override
    public void abandon(Attempt attempt) {
        running.remove(attempt);
        records.release(attempt.scope(), attempt.key(), attempt.id());
    }

    /** Extends the leases of the requests this instance is carrying out; run it well within the lease. Answers how many. */
    public int renewLeases() {
        Instant until = clock.now().plus(lease);
        int renewed = 0;
        for (Attempt attempt : running) {
            if (records.renew(attempt.scope(), attempt.key(), attempt.id(), until)) {
                renewed++;
            } else {
                running.remove(attempt);
            }
        }
        return renewed;
    }

    /** Deletes expired records, a batch at a time; answers how many. */
    public int forgetExpired() {
        return records.deleteExpired(clock.now(), EXPIRED_PER_ROUND);
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StillInFlightException();
        }
    }
}
