package dev.avatarvideo.client;

import java.time.Instant;

/**
 * Why a video does not move on although nothing failed; the service keeps trying by itself.
 *
 * @param reason {@code heygen-unreachable}, {@code heygen-refuses-key} or {@code heygen-rate-limited} (more may come)
 * @param detail one sentence saying what happened
 * @param since when the video started waiting for this reason
 */
public record VideoWaiting(String reason, String detail, Instant since) {
}
