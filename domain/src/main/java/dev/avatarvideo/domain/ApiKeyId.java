package dev.avatarvideo.domain;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public part of a service API key: finds its record, names it in listings and revocations, and is no secret.
 */
public record ApiKeyId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKeyId {
        Require.matches("id", value, SHAPE, "must be 12 lowercase hex digits");
    }

    static ApiKeyId generate() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return new ApiKeyId(HexFormat.of().formatHex(bytes));
    }

    /** Parses an id from a request; anything else names no key. */
    public static Optional<ApiKeyId> parse(String text) {
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new ApiKeyId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
