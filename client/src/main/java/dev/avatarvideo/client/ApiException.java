package dev.avatarvideo.client;

/**
 * The service answered with an error: its HTTP status and the RFC 9457 problem it sent ({@code type}, {@code detail},
 * and {@code field} naming the offending request field when there is one).
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String field;

    ApiException(int status, String type, String detail, String field) {
        super("HTTP " + status + (type == null ? "" : " " + type) + (detail == null ? "" : ": " + detail)
                + (field == null ? "" : " (field " + field + ")"));
        this.status = status;
        this.type = type;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The problem's type, such as {@code /problems/not-found}; null when the answer was not a problem document. */
    public String type() {
        return type;
    }

    /** The request field the problem is about, as the request wrote it ({@code scenes[0].script}), or null. */
    public String field() {
        return field;
    }
}
