package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document. {@code type} is stable and machine-readable; {@code field} names the offending
 * request field, as written in the request, when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String instance, String field) {

    static final String CONTENT_TYPE = "application/problem+json";

    static Problem invalidInput(String field, String detail, String instance) {
        return new Problem("/problems/invalid-input", "The request has an invalid value", 400, detail, instance, field);
    }

    static Problem malformedJson(String field, String detail, String instance) {
        return new Problem("/problems/malformed-json", "The request body is not the JSON this endpoint expects", 400, detail, instance, field);
    }

    /** The request is not HTTP this service can read: framing, encoding or a body that ends too soon. */
    static Problem malformedRequest(String field, String detail, String instance) {
        return new Problem("/problems/malformed-request", "The request is not well-formed HTTP", 400, detail, instance, field);
    }

    static Problem tooLarge(String field, String detail, String instance) {
        return new Problem("/problems/payload-too-large", "Request body too large", 413, detail, instance, field);
    }

    static Problem conflict(String detail, String instance) {
        return new Problem("/problems/conflict", "Changed by someone else", 409, detail, instance, null);
    }

    static Problem unauthorized(String detail, String instance) {
        return new Problem("/problems/unauthorized", "A valid API key is required", 401, detail, instance, null);
    }

    static Problem ofType(int status, String slug, String title, String detail, String instance) {
        return new Problem("/problems/" + slug, title, status, detail, instance, null);
    }

    static Problem notFound(String detail, String instance) {
        return new Problem("/problems/not-found", "Not found", 404, detail, instance, null);
    }

    /** A webhook call that does not prove where it comes from (its signature is missing or wrong). */
    static Problem webhookUnauthenticated(String detail, String instance) {
        return new Problem("/problems/webhook-signature-invalid", "The webhook signature is missing or wrong", 401, detail, instance, null);
    }

    static Problem fileUrlExpired(String detail, String instance) {
        return new Problem("/problems/file-url-expired", "The file address has expired", 403, detail, instance, null);
    }

    static Problem fileUrlInvalid(String detail, String instance) {
        return new Problem("/problems/file-url-invalid", "The file address is not valid", 403, detail, instance, null);
    }

    static Problem ofStatus(int status, String detail, String instance) {
        String slug = switch (status) {
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 416 -> "range-not-satisfiable";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
        return new Problem("/problems/" + slug, title(status), status, detail, instance, null);
    }

    private static String title(int status) {
        return switch (status) {
            case 405 -> "Method not allowed";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type";
            case 416 -> "Range not satisfiable";
            default -> status >= 500 ? "Internal error" : "Request failed";
        };
    }
}
