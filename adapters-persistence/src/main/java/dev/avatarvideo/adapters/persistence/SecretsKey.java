package dev.avatarvideo.adapters.persistence;

import java.util.Arrays;

/**
 * The 256-bit key that encrypts secrets before they are stored (AES-256-GCM). Every instance sharing a database needs
 * the same key. Never printed.
 */
public final class SecretsKey {

    public static final int BYTES = 32;

    private final byte[] key;

    private SecretsKey(byte[] key) {
        this.key = key;
    }

    public static SecretsKey of(byte[] key) {
        if (key == null || key.length != BYTES) {
            throw new IllegalArgumentException("a secrets key is exactly " + BYTES + " bytes");
        }
        return new SecretsKey(key.clone());
    }

    byte[] bytes() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretsKey that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "SecretsKey[****]";
    }
}
