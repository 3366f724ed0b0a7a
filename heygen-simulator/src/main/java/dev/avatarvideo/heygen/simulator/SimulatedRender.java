package dev.avatarvideo.heygen.simulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One render job of one API key. Its status follows from how much time has passed since it was created; whether it
 * fails and how long it stays invisible were drawn when it was created.
 *
 * @param callbackUrl the per-request {@code callback_url}, or {@code null}
 * @param visibleFrom until then, status calls answer 404 (HeyGen's lag right after creation)
 * @param failure present when the render will end {@code failed}, else {@code null}
 * @param plan what the finished video shows, from which every file it hands out is made
 */
record SimulatedRender(String videoId, String apiKey, String title, String callbackId, URI callbackUrl, Instant createdAt,
                       Duration renderTime, Instant visibleFrom, Failure failure, RenderPlan plan) {

    record Failure(String code, String message) {
    }

    String statusAt(Instant now) {
        if (finishedAt(now)) {
            return failure == null ? "completed" : "failed";
        }
        return Duration.between(createdAt, now).compareTo(renderTime.dividedBy(4)) < 0 ? "pending" : "processing";
    }

    boolean finishedAt(Instant now) {
        return !now.isBefore(completedAt());
    }

    boolean succeededAt(Instant now) {
        return failure == null && finishedAt(now);
    }

    boolean visibleAt(Instant now) {
        return !now.isBefore(visibleFrom);
    }

    Instant completedAt() {
        return createdAt.plus(renderTime);
    }
}
