package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.SigningSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for storage with AES-256-GCM: {@code v1.<base64 of nonce, ciphertext and tag>}. The row a secret
 * belongs to is bound in as associated data, so a sealed value copied onto another row does not open there.
 * Deliberately small and kept behind the repositories, so another way of sealing can replace it in one place.
 */
final class SecretSealer {

    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretSealer(SecretsKey key) {
        this.key = new SecretKeySpec(key.bytes(), "AES");
    }

    String seal(SigningSecret secret, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.value().getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot encrypt with AES-GCM", e);
        }
    }

    SigningSecret open(String stored, String boundTo) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalStateException("a stored secret for " + boundTo + " is not in a known sealed form");
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return new SigningSecret(new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored secret for " + boundTo + " does not open with this service's secrets key;"
                    + " every instance needs the same SECRETS_ENCRYPTION_KEY");
        }
    }
}
