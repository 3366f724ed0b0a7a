package dev.avatarvideo.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A rendered video we could not copy into storage yet. Until the renderer's own address expires the video stays
 * playable from there (temporarily), and the copy is tried again at {@code nextAttemptAt}.
 *
 * @param temporaryUrl the renderer's signed address of the finished file
 * @param temporaryUntil when that address stops working; the copy must succeed before then
 * @param lastError why the last copy failed, for the failure reason if it never succeeds
 */
public record IngestRetry(URI temporaryUrl, Instant temporaryUntil, Instant nextAttemptAt, String lastError) {

    public static final int MAX_ERROR_LENGTH = 1000;

    public IngestRetry {
        Objects.requireNonNull(temporaryUrl, "temporaryUrl");
        Objects.requireNonNull(temporaryUntil, "temporaryUntil");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        lastError = lastError == null || lastError.isBlank() ? "unknown error" : lastError;
        if (lastError.length() > MAX_ERROR_LENGTH) {
            lastError = lastError.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        }
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(temporaryUntil);
    }
}
