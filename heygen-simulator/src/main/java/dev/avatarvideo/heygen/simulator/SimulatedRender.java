package dev.avatarvideo.heygen.simulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One render job of one account. Its status follows from how much time has passed since it was created; whether it
 * fails and how long it stays invisible were drawn when it was created.
 *
 * @param accountId the {@link Accounts.Account#id()} of the key that created it
 * @param callbackUrl the per-request {@code callback_url}, or {@code null}
 * @param visibleFrom until then, status calls answer 404 (HeyGen's lag right after creation)
 * @param failure present when the render will end {@code failed}, else {@code null}
 * @param plan what the finished video shows, from which every file it hands out is made; it says too whether captions
 *             were asked for and whether burned in ({@code caption.style}), for which HeyGen makes {@code subtitle_url}
 *             and {@code captioned_video_url}
 */
record SimulatedRender(String videoId, String accountId, String title, String callbackId, URI callbackUrl, Instant createdAt,
                       Duration renderTime, Instant visibleFrom, Failure failure, RenderPlan plan) {

    record Failure(String code, String message) {
    }

    /** The status {@code GET /v3/videos/{id}} answers: {@code pending} while the render waits for its turn. */
    String statusAt(Instant now) {
        if (finishedAt(now)) {
            return failure == null ? "completed" : "failed";
        }
        return waitingAt(now) ? "pending" : "processing";
    }

    /** The status the bulk {@code GET /v3/videos/statuses} answers: the same, but a waiting render is {@code queued} there. */
    String bulkStatusAt(Instant now) {
        return !finishedAt(now) && waitingAt(now) ? "queued" : statusAt(now);
    }

    private boolean waitingAt(Instant now) {
        return Duration.between(createdAt, now).compareTo(renderTime.dividedBy(4)) < 0;
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
