package dev.avatarvideo.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a video that is not failed does not move on: the renderer cannot be reached, refuses the account's key, or asks it
 * to wait. It belongs to the status the video had when it started waiting ({@code QUEUED} while it cannot be submitted,
 * {@code RENDERING} while its render cannot be checked), so it ends the moment the video moves on.
 *
 * @param detail one sentence a person can act on; never a secret
 * @param since when the video started waiting for this reason
 */
public record VideoWaiting(Reason reason, String detail, Instant since) {

    public static final int MAX_DETAIL_LENGTH = 500;

    /** Only a video not yet sent, or one whose render is being checked, can wait on the renderer. */
    public static boolean possibleIn(VideoStatus status) {
        return status == VideoStatus.QUEUED || status == VideoStatus.RENDERING;
    }

    public VideoWaiting {
        Objects.requireNonNull(reason, "reason");
        Require.notBlank("detail", detail);
        Objects.requireNonNull(since, "since");
        if (detail.length() > MAX_DETAIL_LENGTH) {
            detail = detail.substring(0, MAX_DETAIL_LENGTH - 1) + "…";
        }
    }

    /** The stable codes clients can branch on; {@link #code()} is what the API shows. */
    public enum Reason {
        /** No connection, a timeout or a server error, still so after the retries that are safe. */
        HEYGEN_UNREACHABLE("heygen-unreachable"),
        /** HeyGen does not accept the account's API key. */
        HEYGEN_REFUSES_KEY("heygen-refuses-key"),
        /** HeyGen asks the account to wait (too many requests, or too many renders in progress). */
        HEYGEN_RATE_LIMITED("heygen-rate-limited");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Reason ofCode(String code) {
            for (Reason reason : values()) {
                if (reason.code.equals(code)) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("no waiting reason " + code);
        }
    }
}
