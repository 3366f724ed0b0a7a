package dev.avatarvideo.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The secret that lets this service act on a renderer account (a HeyGen API key). Never printed: {@link #toString()}
 * masks it, and {@link #fingerprint()} is what logs and caches may show instead.
 */
public record RendererCredentials(String apiKey) {

    public RendererCredentials {
        Require.notBlank("apiKey", apiKey);
        Require.maxLength("apiKey", apiKey, 1024);
    }

    /** The first 12 hex digits of the key's SHA-256: tells keys apart, reveals nothing. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The account this key acts on. */
    public RendererAccount account() {
        return new RendererAccount(fingerprint());
    }

    @Override
    public String toString() {
        return "RendererCredentials[apiKey=****, fingerprint=" + fingerprint() + "]";
    }
}
