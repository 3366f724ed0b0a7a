package dev.avatarvideo.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A renderer account, named by its key's fingerprint ({@link RendererCredentials#fingerprint()}): the first 12 hex
 * digits of the key's SHA-256. It tells accounts apart in queues, logs and webhook addresses, and reveals nothing of
 * the key.
 */
public record RendererAccount(String fingerprint) {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{12}");

    public RendererAccount {
        Require.matches("account", fingerprint, FINGERPRINT, "must be a key fingerprint: 12 lowercase hexadecimal digits");
    }

    /** The account a text names, when it has a fingerprint's shape; anything else names no account. */
    public static Optional<RendererAccount> named(String text) {
        return text != null && FINGERPRINT.matcher(text).matches() ? Optional.of(new RendererAccount(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return fingerprint;
    }
}
