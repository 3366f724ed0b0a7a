package dev.avatarvideo.domain;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret outbound notifications are signed with, in the Standard Webhooks form {@code whsec_<base64>}: the HMAC
 * key is the base64-decoded part after the prefix. Never printed: {@link #toString()} masks it.
 */
public record SigningSecret(String value) {

    public static final String PREFIX = "whsec_";
    private static final int GENERATED_BYTES = 32;
    private static final int MIN_KEY_BYTES = 24;
    private static final Pattern SHAPE = Pattern.compile(PREFIX + "[A-Za-z0-9+/]+={0,2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public SigningSecret {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a signing secret looks like whsec_<base64>");
        }
        byte[] key = decode(value);
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a signing secret carries at least " + MIN_KEY_BYTES + " bytes");
        }
        Arrays.fill(key, (byte) 0);
    }

    public static SigningSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC key: the bytes the text after {@code whsec_} encodes. */
    public byte[] key() {
        return decode(value);
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signing secret's text after whsec_ must be base64");
        }
    }

    @Override
    public String toString() {
        return "SigningSecret[****]";
    }
}
