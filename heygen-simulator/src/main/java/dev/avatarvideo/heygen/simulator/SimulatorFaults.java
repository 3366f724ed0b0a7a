package dev.avatarvideo.heygen.simulator;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The failures the SIMULATED HeyGen injects, all drawn from one random sequence seeded with {@link #seed()}, so the
 * same sequence of requests meets the same faults in every run. The JSON form (admin route {@code POST
 * /sim-admin/faults}) uses exactly these field names; fields left out are off.
 *
 * <p>On each API request ({@code /v3/...}) at most one of the four request faults happens, drawn in this order:
 * <ul>
 *   <li>{@code rateLimitRate}: refused before any work with {@code 429 rate_limit_exceeded} and
 *       {@code Retry-After: retryAfterSeconds};</li>
 *   <li>{@code serverErrorRate}: the request is carried out (a creation does start its render) but the answer is
 *       replaced by a {@code 500}/{@code 502}/{@code 503} error — the worst case for a client that retries;</li>
 *   <li>{@code errorOn200Rate}: carried out, but answered {@code 200} with an error body, as HeyGen has been seen to;</li>
 *   <li>{@code timeoutRate}: carried out, but the answer is held for {@code timeoutHoldMs}, longer than a client
 *       waits; a retry of a creation with the same Idempotency-Key meanwhile gets {@code 409 request_in_progress}.</li>
 * </ul>
 * {@code latencyMs} delays every API answer. The rest act on renders, webhooks and downloads:
 * {@code notFoundAfterCreateRate} renders answer {@code 404} to status calls for {@code notFoundAfterCreateMs} after
 * creation; {@code renderFailureRate} renders end {@code failed}; webhooks are lost, duplicated or delivered
 * {@code webhookLateMs} late at their rates; {@code truncatedDownloadRate} downloads announce the full
 * {@code Content-Length} and stop halfway; more than {@code maxConcurrentRendersPerKey} renders in progress for one
 * API key (0: no limit) make creations answer {@code 429} with {@code Retry-After}.
 */
public record SimulatorFaults(
        long seed,
        long latencyMs,
        double rateLimitRate,
        int retryAfterSeconds,
        double serverErrorRate,
        double errorOn200Rate,
        double timeoutRate,
        long timeoutHoldMs,
        double notFoundAfterCreateRate,
        long notFoundAfterCreateMs,
        double renderFailureRate,
        double webhookDuplicateRate,
        double webhookLateRate,
        long webhookLateMs,
        double webhookLostRate,
        double truncatedDownloadRate,
        int maxConcurrentRendersPerKey) {

    public SimulatorFaults {
        nonNegative("latencyMs", latencyMs);
        nonNegative("retryAfterSeconds", retryAfterSeconds);
        nonNegative("timeoutHoldMs", timeoutHoldMs);
        nonNegative("notFoundAfterCreateMs", notFoundAfterCreateMs);
        nonNegative("webhookLateMs", webhookLateMs);
        nonNegative("maxConcurrentRendersPerKey", maxConcurrentRendersPerKey);
        rate("rateLimitRate", rateLimitRate);
        rate("serverErrorRate", serverErrorRate);
        rate("errorOn200Rate", errorOn200Rate);
        rate("timeoutRate", timeoutRate);
        rate("notFoundAfterCreateRate", notFoundAfterCreateRate);
        rate("renderFailureRate", renderFailureRate);
        rate("webhookDuplicateRate", webhookDuplicateRate);
        rate("webhookLateRate", webhookLateRate);
        rate("webhookLostRate", webhookLostRate);
        rate("truncatedDownloadRate", truncatedDownloadRate);
        if (rateLimitRate + serverErrorRate + errorOn200Rate + timeoutRate > 1.0 + 1e-9) {
            throw new InvalidFaultException("rateLimitRate", "rateLimitRate + serverErrorRate + errorOn200Rate + timeoutRate must not exceed 1"
                    + " (at most one of them hits a request)");
        }
        if (webhookDuplicateRate + webhookLateRate + webhookLostRate > 1.0 + 1e-9) {
            throw new InvalidFaultException("webhookDuplicateRate", "webhookDuplicateRate + webhookLateRate + webhookLostRate must not exceed 1");
        }
    }

    /** No faults: a well-behaved HeyGen. Timeouts, when switched on, hold answers for 35 s, past a 30 s client timeout. */
    public static SimulatorFaults none() {
        return new SimulatorFaults(1, 0, 0, 1, 0, 0, 0, 35_000, 0, 5_000, 0, 0, 0, 10_000, 0, 0, 0);
    }

    public Duration latency() {
        return Duration.ofMillis(latencyMs);
    }

    public Duration timeoutHold() {
        return Duration.ofMillis(timeoutHoldMs);
    }

    public Duration notFoundAfterCreate() {
        return Duration.ofMillis(notFoundAfterCreateMs);
    }

    public Duration webhookLateBy() {
        return Duration.ofMillis(webhookLateMs);
    }

    public SimulatorFaults withSeed(long newSeed) {
        return with(f -> f.seed = newSeed);
    }

    public SimulatorFaults withLatency(Duration latency) {
        return with(f -> f.latencyMs = latency.toMillis());
    }

    public SimulatorFaults withRateLimits(double rate, Duration retryAfter) {
        return with(f -> {
            f.rateLimitRate = rate;
            f.retryAfterSeconds = Math.toIntExact(retryAfter.toSeconds());
        });
    }

    public SimulatorFaults withServerErrors(double rate) {
        return with(f -> f.serverErrorRate = rate);
    }

    public SimulatorFaults withErrorsOn200(double rate) {
        return with(f -> f.errorOn200Rate = rate);
    }

    public SimulatorFaults withTimeouts(double rate, Duration hold) {
        return with(f -> {
            f.timeoutRate = rate;
            f.timeoutHoldMs = hold.toMillis();
        });
    }

    public SimulatorFaults withNotFoundAfterCreate(double rate, Duration window) {
        return with(f -> {
            f.notFoundAfterCreateRate = rate;
            f.notFoundAfterCreateMs = window.toMillis();
        });
    }

    public SimulatorFaults withRenderFailures(double rate) {
        return with(f -> f.renderFailureRate = rate);
    }

    public SimulatorFaults withDuplicateWebhooks(double rate) {
        return with(f -> f.webhookDuplicateRate = rate);
    }

    public SimulatorFaults withLateWebhooks(double rate, Duration lateBy) {
        return with(f -> {
            f.webhookLateRate = rate;
            f.webhookLateMs = lateBy.toMillis();
        });
    }

    public SimulatorFaults withLostWebhooks(double rate) {
        return with(f -> f.webhookLostRate = rate);
    }

    public SimulatorFaults withTruncatedDownloads(double rate) {
        return with(f -> f.truncatedDownloadRate = rate);
    }

    public SimulatorFaults withConcurrencyLimitPerKey(int maxRendersInProgress) {
        return with(f -> f.maxConcurrentRendersPerKey = maxRendersInProgress);
    }

    private SimulatorFaults with(Consumer<Fields> change) {
        Fields fields = new Fields(this);
        change.accept(fields);
        return fields.build();
    }

    private static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidFaultException(field, field + " must not be negative (got " + value + ")");
        }
    }

    private static void rate(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidFaultException(field, field + " must be between 0 and 1 (got " + value + ")");
        }
    }

    /** A fault setting that makes no sense; names the field as the JSON form spells it. */
    public static final class InvalidFaultException extends IllegalArgumentException {

        private final String field;

        InvalidFaultException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The record's fields, mutable for the length of one {@code with...} call. */
    private static final class Fields {
        long seed;
        long latencyMs;
        double rateLimitRate;
        int retryAfterSeconds;
        double serverErrorRate;
        double errorOn200Rate;
        double timeoutRate;
        long timeoutHoldMs;
        double notFoundAfterCreateRate;
        long notFoundAfterCreateMs;
        double renderFailureRate;
        double webhookDuplicateRate;
        double webhookLateRate;
        long webhookLateMs;
        double webhookLostRate;
        double truncatedDownloadRate;
        int maxConcurrentRendersPerKey;

        Fields(SimulatorFaults f) {
            seed = f.seed;
            latencyMs = f.latencyMs;
            rateLimitRate = f.rateLimitRate;
            retryAfterSeconds = f.retryAfterSeconds;
            serverErrorRate = f.serverErrorRate;
            errorOn200Rate = f.errorOn200Rate;
            timeoutRate = f.timeoutRate;
            timeoutHoldMs = f.timeoutHoldMs;
            notFoundAfterCreateRate = f.notFoundAfterCreateRate;
            notFoundAfterCreateMs = f.notFoundAfterCreateMs;
            renderFailureRate = f.renderFailureRate;
            webhookDuplicateRate = f.webhookDuplicateRate;
            webhookLateRate = f.webhookLateRate;
            webhookLateMs = f.webhookLateMs;
            webhookLostRate = f.webhookLostRate;
            truncatedDownloadRate = f.truncatedDownloadRate;
            maxConcurrentRendersPerKey = f.maxConcurrentRendersPerKey;
        }

        SimulatorFaults build() {
            return new SimulatorFaults(seed, latencyMs, rateLimitRate, retryAfterSeconds, serverErrorRate, errorOn200Rate,
                    timeoutRate, timeoutHoldMs, notFoundAfterCreateRate, notFoundAfterCreateMs, renderFailureRate,
                    webhookDuplicateRate, webhookLateRate, webhookLateMs, webhookLostRate, truncatedDownloadRate,
                    maxConcurrentRendersPerKey);
        }
    }
}
