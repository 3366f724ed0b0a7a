package dev.avatarvideo.heygen.simulator;

/**
 * An error the simulator answers in HeyGen's v3 envelope: {@code {"error": {"code", "message", "param"?}}}, with
 * {@code Retry-After} when HeyGen sends one.
 */
final class HeyGenError extends RuntimeException {

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

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
