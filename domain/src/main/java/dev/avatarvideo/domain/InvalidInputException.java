package dev.avatarvideo.domain;

/**
 * A value the business does not accept, carrying the name of the field that held it so a caller can be told
 * exactly what to fix.
 */
public final class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The same complaint seen from an enclosing object: {@code script} inside scene 2 becomes {@code scenes[2].script}. */
    public InvalidInputException within(String parentPath) {
        return new InvalidInputException(parentPath + "." + field, getMessage());
    }
}
