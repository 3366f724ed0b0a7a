package dev.avatarvideo.heygen.simulator;

import java.util.Locale;

/**
 * An error the simulator answers in HeyGen's v3 envelope: {@code {"error": {"code", "message", "param"?, "doc_url"}}},
 * with {@code Retry-After} when HeyGen sends one. HeyGen's error page says every error carries a {@code doc_url} into
 * its list of codes and that {@code param} names the request field for errors about one.
 */
final class HeyGenError extends RuntimeException {

    private static final String DOC_URL = "https://developers.heygen.com/docs/error-codes#";

    private final int httpStatus;
    private final String code;
    private final String param;
    private final Integer retryAfterSeconds;

    HeyGenError(int httpStatus, String code, String message, String param) {
        this(httpStatus, code, message, param, null);
    }

    private HeyGenError(int httpStatus, String code, String message, String param, Integer retryAfterSeconds) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static HeyGenError invalidParameter(String param, String message) {
        return new HeyGenError(400, "invalid_parameter", message, param);
    }

    static HeyGenError notFound(String message) {
        return new HeyGenError(404, "not_found", message, null);
    }

    /** HeyGen's own code for a video id it does not know (its CLI answers it with "List your videos"). */
    static HeyGenError videoNotFound(String videoId) {
        return new HeyGenError(404, "video_not_found", "Video '" + videoId + "' not found", null);
    }

    /** An avatar look the account cannot use, named by {@code param} (HeyGen's CLI hint: "List available avatars"). */
    static HeyGenError avatarNotFound(String param, String avatarId) {
        return new HeyGenError(404, "avatar_not_found", "Avatar look '" + avatarId + "' not found", param);
    }

    /** A voice the account cannot use, named by {@code param} (HeyGen's CLI hint: "List available voices"). */
    static HeyGenError voiceNotFound(String param, String voiceId) {
        return new HeyGenError(404, "voice_not_found", "Voice '" + voiceId + "' not found", param);
    }

    static HeyGenError unauthorized() {
        return new HeyGenError(401, "unauthorized", "Invalid or missing API key", null);
    }

    static HeyGenError insufficientCredit(String message) {
        return new HeyGenError(402, "insufficient_credit", message, null);
    }

    static HeyGenError requestInProgress() {
        return new HeyGenError(409, "request_in_progress", "A request with this Idempotency-Key is already being processed", null);
    }

    static HeyGenError rateLimited(String message, int retryAfterSeconds) {
        return new HeyGenError(429, "rate_limit_exceeded", message, null, retryAfterSeconds);
    }

    static HeyGenError serverError(int status) {
        String code = status == 503 ? "service_unavailable" : "internal_error";
        return new HeyGenError(status, code, "SIMULATED server error (fault injected by the HeyGen simulator)", null);
    }

    int httpStatus() {
        return httpStatus;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }

    /** The section of HeyGen's error page for this code, as HeyGen links it ({@code insufficient_credit} → {@code #insufficient-credit}). */
    String docUrl() {
        return DOC_URL + code.replace('_', '-').toLowerCase(Locale.ROOT);
    }

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
