package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.runtime.RetryBackoff;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.time.Duration;

/**
 * Exponential back-off with jitter, computed by Failsafe. Failsafe runs retries in memory; ours are scheduled in the
 * database so that a restart keeps them. So this only asks Failsafe's policy what delay follows a given number of
 * failures, by replaying them on a standalone {@link Execution}, and the caller stores the resulting time.
 */
public final class FailsafeRetryBackoff implements RetryBackoff {

    /** Past this many doublings every delay is the maximum anyway; replaying more would only cost time. */
    private static final int MAX_REPLAYED_FAILURES = 64;
    private static final RuntimeException FAILURE = new RuntimeException("attempt failed");

    private final RetryPolicy<Object> policy;

    public FailsafeRetryBackoff(Duration firstDelay, Duration maxDelay, double jitterFactor) {
        this.policy = RetryPolicy.builder()
                .handle(RuntimeException.class)
                .withBackoff(firstDelay, maxDelay)
                .withJitter(jitterFactor)
                .withMaxRetries(-1)
                .build();
    }

    @Override
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1 (got " + failures + ")");
        }
        Execution<Object> execution = Execution.of(policy);
        for (int i = 0; i < Math.min(failures, MAX_REPLAYED_FAILURES); i++) {
            execution.recordException(FAILURE);
        }
        return execution.getDelay();
    }
}
