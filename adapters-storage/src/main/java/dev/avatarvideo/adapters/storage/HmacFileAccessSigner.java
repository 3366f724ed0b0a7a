package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.storage.FileAccessSigner;
import dev.avatarvideo.domain.FileAccess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over every part of a {@link FileAccess} (key, expiry, download name, content type), so a signed
 * address cannot be extended, retyped or pointed at another file. The secret never leaves this object.
 */
public final class HmacFileAccessSigner implements FileAccessSigner {

    /** Shorter secrets can be guessed; 32 bytes is what HMAC-SHA256 can use in full. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private HmacFileAccessSigner(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a signing secret needs at least " + MIN_SECRET_BYTES + " bytes (got " + secret.length + ")");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** A secret given by configuration, used as its UTF-8 bytes. */
    public static HmacFileAccessSigner withSecret(String secret) {
        return new HmacFileAccessSigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A random secret, such as the key file the service makes on first start holds. */
    public static HmacFileAccessSigner withKey(byte[] secret) {
        return new HmacFileAccessSigner(secret);
    }

    @Override
    public String sign(FileAccess access) {
        String canonical = String.join("\n", "v1", access.key().value(), Long.toString(access.expiresAt().getEpochSecond()),
                URLEncoder.encode(access.downloadName(), StandardCharsets.UTF_8), URLEncoder.encode(access.contentType(), StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JDK cannot compute " + ALGORITHM, e);
        }
    }

    /** Compares the encoded text in constant time, so every character counts and timing reveals nothing. */
    @Override
    public boolean verify(FileAccess access, String signature) {
        return MessageDigest.isEqual(sign(access).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.UTF_8));
    }
}
