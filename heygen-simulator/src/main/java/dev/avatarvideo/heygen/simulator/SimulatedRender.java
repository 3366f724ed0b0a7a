package dev.avatarvideo.heygen.simulator;

import java.time.Duration;
import java.time.Instant;

/** One render job, whose status follows from how much time has passed since it was created. */
record SimulatedRender(String videoId, String title, String callbackId, Instant createdAt, Duration renderTime,
                       String idempotencyKey) {

    String statusAt(Instant now) {
        Duration elapsed = Duration.between(createdAt, now);
        if (elapsed.compareTo(renderTime) >= 0) {
            return "completed";
        }
        return elapsed.compareTo(renderTime.dividedBy(4)) < 0 ? "pending" : "processing";
    }

    Instant completedAt() {
        return createdAt.plus(renderTime);
    }
}
