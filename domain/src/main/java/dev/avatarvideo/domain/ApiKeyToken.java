package dev.avatarvideo.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service API key as its holder sends it: {@code avs_<id>_<secret>}, where the id finds the key's record and the
 * secret is 32 random bytes. Only its SHA-256 is ever stored; with that much entropy a plain hash is as good as a slow
 * one and costs nothing per request. Never printed: {@link #toString()} masks it.
 */
public record ApiKeyToken(String value) {

    public static final String PREFIX = "avs_";
    private static final int SECRET_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile(PREFIX + "([0-9a-f]{12})_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKeyToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("an API key looks like avs_<12 hex digits>_<43 base64url characters>");
        }
    }

    /** A new key with a fresh id. */
    public static ApiKeyToken generate() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new ApiKeyToken(PREFIX + ApiKeyId.generate().value() + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key a caller presented, when it has the shape of one; anything else is no key of ours. */
    public static Optional<ApiKeyToken> parse(String presented) {
        return presented != null && SHAPE.matcher(presented).matches() ? Optional.of(new ApiKeyToken(presented)) : Optional.empty();
    }

    public ApiKeyId id() {
        return new ApiKeyId(value.substring(PREFIX.length(), PREFIX.length() + 12));
    }

    /** What is stored instead of the key. */
    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether this is the key {@code storedHash} was made from; compared in constant time. */
    public boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(hash(), storedHash);
    }

    @Override
    public String toString() {
        return "ApiKeyToken[" + PREFIX + id() + "_****]";
    }
}
