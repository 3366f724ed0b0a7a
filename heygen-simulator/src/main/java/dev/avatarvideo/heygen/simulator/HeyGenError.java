package dev.avatarvideo.heygen.simulator;

/** An error the simulator answers in HeyGen's v3 envelope: {@code {"error": {"code", "message", "param"?}}}. */
final class HeyGenError extends RuntimeException {

    private final int httpStatus;
    private final String code;
    private final String param;

    HeyGenError(int httpStatus, String code, String message, String param) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.param = param;
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

    int httpStatus() {
        return httpStatus;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }
}
