package dev.avatarvideo.application.service;

import dev.avatarvideo.domain.ProcessingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How renders are tracked: when the renderer is asked about each one, and how long it is waited for.
 *
 * <p>Polling asks soon after submission and then ever less often: the k-th check after the previous one waits
 * {@code firstCheck × growth^k}, at most {@code maxInterval}. With the defaults (30 s, ×1.5, 5 min) a render is asked
 * about at 30 s, 75 s, 2.4 min, 4.1 min, 6.6 min, 10.4 min and then every 5 minutes: 6 checks for a 10-minute render,
 * 8 for a 20-minute one. Since one call asks about up to 100 renders, a call costs each of them a hundredth.
 *
 * <p>Hybrid mode skips every check before {@code webhookOverdue}: a call is made only for a render whose webhook is
 * late, from then on as often as polling would at that age (the call carries other renders of the account along, as
 * every call does: see {@link RenderTracker}). Webhook mode never polls; its only scheduled look is at the deadline.
 *
 * @param notFoundGrace how long after submission a "not found" from the renderer still means "not visible yet"
 * @param renderDeadline how long a render may take in all before the video fails instead of being tracked forever
 * @param webhookOverdue how long after submission a render's webhook counts as late
 */
public record TrackingPolicy(ProcessingMode mode, Duration firstCheck, double growth, Duration maxInterval, Duration webhookOverdue,
                             Duration notFoundGrace, Duration renderDeadline) {

    public static final TrackingPolicy DEFAULT = new TrackingPolicy(ProcessingMode.POLLING, Duration.ofSeconds(30), 1.5,
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofHours(2));

    public TrackingPolicy {
        Objects.requireNonNull(mode, "mode");
        positive("firstCheck", firstCheck);
        positive("maxInterval", maxInterval);
        positive("webhookOverdue", webhookOverdue);
        Objects.requireNonNull(notFoundGrace, "notFoundGrace");
        positive("renderDeadline", renderDeadline);
        if (!(growth >= 1.0 && growth <= 10.0)) {
            throw new IllegalArgumentException("growth must be between 1 and 10 (got " + growth + ")");
        }
        if (maxInterval.compareTo(firstCheck) < 0) {
            throw new IllegalArgumentException("maxInterval must not be shorter than firstCheck");
        }
        if (renderDeadline.compareTo(notFoundGrace) <= 0) {
            throw new IllegalArgumentException("renderDeadline must be longer than notFoundGrace");
        }
    }

    public TrackingPolicy withMode(ProcessingMode newMode) {
        return new TrackingPolicy(newMode, firstCheck, growth, maxInterval, webhookOverdue, notFoundGrace, renderDeadline);
    }

    /** The wait after the {@code checksDone}-th check: grows from {@code firstCheck} by {@code growth}, capped. */
    public Duration interval(int checksDone) {
        double millis = firstCheck.toMillis() * Math.pow(growth, Math.max(0, checksDone));
        return millis >= maxInterval.toMillis() ? maxInterval : Duration.ofMillis(Math.round(millis));
    }

    /** When a render submitted at {@code since} is first looked at. */
    public Instant firstCheckAt(Instant since) {
        return capped(since, switch (mode) {
            case POLLING -> since.plus(firstCheck);
            case HYBRID -> since.plus(webhookOverdue);
            case WEBHOOK -> deadline(since);
        });
    }

    /** When a render tracked since {@code since} is looked at next, after a look at {@code now} that found it unfinished. */
    public Instant nextCheckAt(Instant since, Instant now, int checksDone) {
        if (!mode.polls()) {
            return deadline(since);
        }
        return capped(since, now.plus(interval(checksDone + (mode == ProcessingMode.HYBRID ? checksBefore(webhookOverdue) : 0))));
    }

    public Instant deadline(Instant since) {
        return since.plus(renderDeadline);
    }

    public boolean pastDeadline(Instant since, Instant now) {
        return !now.isBefore(deadline(since));
    }

    /** How many polling checks fall within {@code age} after submission. */
    int checksBefore(Duration age) {
        long elapsed = 0;
        int checks = 0;
        while (checks < 1_000) {
            elapsed += interval(checks).toMillis();
            if (elapsed > age.toMillis()) {
                return checks;
            }
            checks++;
        }
        return checks;
    }

    /** The last look is at the deadline, never after it: a render is not tracked past it. */
    private Instant capped(Instant since, Instant at) {
        Instant deadline = deadline(since);
        return at.isAfter(deadline) ? deadline : at;
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
