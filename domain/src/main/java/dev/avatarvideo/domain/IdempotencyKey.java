package dev.avatarvideo.domain;

import java.util.Objects;

/**
 * The key a caller sends with a request it may repeat (IETF draft-ietf-httpapi-idempotency-key-header): a repeat with
 * the same key gets the first answer instead of a second effect. 1 to 255 printable ASCII characters; anything else
 * could not be echoed in logs and problems safely, or would invite keys too long to index.
 */
public record IdempotencyKey(String value) {

    /** The request header that carries it, which is also the field a refusal names. */
    public static final String FIELD = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new InvalidInputException(FIELD, FIELD + " must have 1 to " + MAX_LENGTH + " characters; it has " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidInputException(FIELD, FIELD + " may hold only printable ASCII characters (a UUID is a good key);"
                        + " character " + (i + 1) + " is not one");
            }
        }
    }
}
