package dev.avatarvideo.domain;

/** A file bigger than this installation accepts; carries the request field that held it. */
public final class FileTooLargeException extends RuntimeException {

    private final String field;

    public FileTooLargeException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
