package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One HeyGen answer. Success means a 2xx status AND no error object: HeyGen has been seen to answer errors with HTTP
 * 200, and reading such a body as success is exactly the bug earlier integrations shipped.
 */
record ApiAnswer(int status, JsonNode body, Optional<Duration> retryAfter) {

    /** Codes that say the request itself is wrong: asking again unchanged cannot help, whatever the HTTP status. */
    private static final Set<String> REQUEST_ERRORS = Set.of("unauthorized", "forbidden", "resource_access_denied", "not_found",
            "avatar_not_found", "voice_not_found", "video_not_found", "insufficient_credit", "invalid_parameter", "validation_error",
            "download_failed", "payload_too_large");

    boolean isSuccess() {
        return status / 100 == 2 && !hasError();
    }

    boolean hasError() {
        JsonNode error = body.get("error");
        return error != null && !error.isNull() && !(error.isTextual() && error.asText().isEmpty());
    }

    /** HeyGen's error code, or one derived from the HTTP status when the body names none. */
    String errorCode() {
        JsonNode error = body.path("error");
        String code = error.isTextual() ? "" : error.path("code").asText("");
        if (!code.isEmpty()) {
            return code;
        }
        return switch (status) {
            case 401 -> "unauthorized";
            case 402 -> "insufficient_credit";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 429 -> "rate_limit_exceeded";
            default -> status >= 500 || status / 100 == 2 ? "server_error" : "http_" + status;
        };
    }

    String errorMessage() {
        JsonNode error = body.path("error");
        String message = error.isTextual() ? error.asText() : error.path("message").asText("");
        return message.isBlank() ? "HeyGen answered HTTP " + status + " (" + errorCode() + ")" : message;
    }

    Optional<String> errorParam() {
        String param = body.path("error").path("param").asText("");
        return param.isBlank() ? Optional.empty() : Optional.of(param);
    }

    boolean isUnauthorized() {
        return !isSuccess() && (status == 401 || errorCode().equals("unauthorized"));
    }

    boolean isRateLimited() {
        return !isSuccess() && (status == 429 || errorCode().equals("rate_limit_exceeded"));
    }

    boolean isNotFound() {
        return !isSuccess() && (status == 404 || errorCode().equals("not_found") || errorCode().equals("video_not_found"));
    }

    /** A duplicate of a creation still running (409 request_in_progress): the same request later replays its answer. */
    boolean isInProgress() {
        return !isSuccess() && (status == 409 || errorCode().equals("request_in_progress") || errorCode().equals("conflict"));
    }

    /** HeyGen's side failed (5xx, 408, or an error on a 2xx that does not blame the request). */
    boolean isServerSide() {
        if (isSuccess()) {
            return false;
        }
        if (status >= 500 || status == 408) {
            return true;
        }
        return status / 100 == 2 && !REQUEST_ERRORS.contains(errorCode()) && !isRateLimited() && !isInProgress();
    }

    /** Worth asking again, if asking again is safe at all. */
    boolean isTransient() {
        return isRateLimited() || isServerSide() || isInProgress();
    }

    String describe() {
        return "HTTP " + status + " " + errorCode();
    }
}
