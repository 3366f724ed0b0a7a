package dev.avatarvideo.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The key that encrypts stored secrets, when {@code SECRETS_ENCRYPTION_KEY} does not give one: made once (32 random
 * bytes, base64) and kept owner-only in the data directory, so restarts can still open what was stored.
 */
final class SecretsKeyFile {

    static final int KEY_BYTES = 32;

    private SecretsKeyFile() {
    }

    static byte[] readOrCreate(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("it holds " + key.length + " bytes instead of " + KEY_BYTES);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key " + keyFile + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the secrets key " + keyFile + " is damaged (" + e.getMessage() + "); restore it from a backup"
                    + " (deleting it makes the stored webhook secrets unreadable)");
        }
    }

    private static void create(Path keyFile) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path directory = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(keyFile.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the data directory's own permissions protect it.
            }
            // Written whole beside it, then moved without replacing: a reader never sees half a key.
            Files.move(temporary, keyFile);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; theirs is the one to use.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
