package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.FileAccessSigner;
import dev.avatarvideo.domain.FileAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
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

    /**
     * The secret kept in {@code keyFile}, made (random, readable by the owner only) on first use, so addresses stay
     * valid across restarts. Two processes starting at once agree on one file: the first to move theirs in wins.
     */
    public static HmacFileAccessSigner withKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return new HmacFileAccessSigner(Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the URL signing key " + keyFile + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the URL signing key " + keyFile + " is damaged (" + e.getMessage()
                    + "); delete it to make a new one (addresses issued so far stop working)", e);
        }
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

    private static void create(Path keyFile) throws IOException {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        Path directory = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(keyFile.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
            ownerOnly(temporary);
            // Written whole beside it, then moved without replacing: a reader never sees half a key.
            Files.move(temporary, keyFile);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; theirs is as good as ours.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the data directory's own permissions protect it.
        }
    }
}
