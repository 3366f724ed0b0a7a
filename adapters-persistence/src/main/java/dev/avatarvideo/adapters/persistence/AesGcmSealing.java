package dev.avatarvideo.adapters.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest for every secret the database keeps (HeyGen's webhook signing secrets, the platform's notification
 * endpoint and callback secrets; tenants' renderer keys next): AES-256-GCM under the one master key of the service,
 * which never enters the database. Repositories seal on write and open on read, so what the application sees is usable
 * and what the database holds is not.
 *
 * <p>A sealed value is {@code version (1) | key id (4) | nonce (12) | ciphertext and tag}. The key id (from the key's
 * SHA-256) tells "sealed under another master key" apart from "damaged". The {@code context} (say, the table and row
 * it belongs to) is authenticated too, so a sealed value copied to another row does not open there.
 */
public final class AesGcmSealing {

    public static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int KEY_ID_BYTES = 4;
    /** Where the key id ends: a sealed value's first bytes tell which master key sealed it. */
    public static final int KEY_ID_END = 1 + KEY_ID_BYTES;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] keyId;
    private final SecureRandom random = new SecureRandom();

    private AesGcmSealing(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes (got " + key.length + ")");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keyId = Arrays.copyOf(sha256(key), KEY_ID_BYTES);
    }

    /** A master key given as base64 text of 32 bytes (e.g. from {@code openssl rand -base64 32}). */
    public static AesGcmSealing withBase64Key(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not base64 text (" + e.getMessage() + ")");
        }
        return new AesGcmSealing(key);
    }

    /** A master key of 32 random bytes, such as the key file the service makes on first start holds. */
    public static AesGcmSealing withKey(byte[] key) {
        return new AesGcmSealing(key);
    }

    /** A short, non-secret name of this master key, to tell keys apart in messages. */
    public String keyId() {
        return HexFormat.of().formatHex(keyId);
    }

    public byte[] seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] header = ByteBuffer.allocate(1 + KEY_ID_BYTES + NONCE_BYTES).put(VERSION).put(keyId).put(nonce).array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot encrypt with AES-GCM", e);
        }
    }

    /**
     * @throws SealedWithAnotherKeyException when the value was sealed under another master key
     * @throws IllegalStateException when it was altered, or belongs to another context
     */
    public String open(byte[] sealed, String context) {
        if (sealed.length < 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("a sealed secret for " + context + " is damaged (unknown format)");
        }
        requireThisKey(sealed, context);
        byte[] header = Arrays.copyOf(sealed, 1 + KEY_ID_BYTES + NONCE_BYTES);
        byte[] nonce = Arrays.copyOfRange(sealed, 1 + KEY_ID_BYTES, header.length);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header, context));
            return new String(cipher.doFinal(sealed, header.length, sealed.length - header.length), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a sealed secret for " + context + " was altered, or belongs elsewhere", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot decrypt with AES-GCM", e);
        }
    }

    /**
     * Checks that {@code sealed} - a whole sealed value, or only its first {@link #KEY_ID_END} bytes - was sealed under
     * this master key, without opening it.
     *
     * @throws SealedWithAnotherKeyException when it was sealed under another master key
     * @throws IllegalStateException when it is not a sealed value
     */
    public void requireThisKey(byte[] sealed, String context) {
        if (sealed.length < KEY_ID_END || sealed[0] != VERSION) {
            throw new IllegalStateException("a sealed secret for " + context + " is damaged (unknown format)");
        }
        byte[] sealedKeyId = Arrays.copyOfRange(sealed, 1, KEY_ID_END);
        if (!MessageDigest.isEqual(sealedKeyId, keyId)) {
            throw new SealedWithAnotherKeyException("the secret for " + context + " was sealed under master key "
                    + HexFormat.of().formatHex(sealedKeyId) + ", but this instance has master key " + keyId());
        }
    }

    /** The master key does not fit what the database holds: all instances must share one. */
    public static final class SealedWithAnotherKeyException extends RuntimeException {

        SealedWithAnotherKeyException(String message) {
            super(message);
        }
    }

    private static byte[] associatedData(byte[] header, String context) {
        byte[] text = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + text.length).put(header).put(text).array();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
