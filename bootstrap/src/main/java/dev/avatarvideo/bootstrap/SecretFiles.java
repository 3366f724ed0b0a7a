package dev.avatarvideo.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Files that hold a secret: readable by their owner only, and written whole or not at all. */
final class SecretFiles {

    private SecretFiles() {
    }

    /** Writes {@code secret}, and nothing else, to {@code file}, replacing it; a reader never sees half of it. */
    static void writeOwnerOnly(Path file, String secret) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = directory.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.createFile(temporary);
            ownerOnly(temporary);
            Files.writeString(temporary, secret, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // Nothing of the secret is left in it that the final file does not hold.
            }
        }
    }

    /**
     * The random key kept in {@code file} as base64 text, made ({@code bytes} random bytes, readable by the owner only) on
     * first use so that it outlives restarts. Two processes starting at once agree on one file: the first to move theirs
     * in wins.
     *
     * @param what names the key in messages
     * @throws IllegalStateException when the file holds no base64 text; it is never replaced, since whatever the key
     *                               protected needs that very key
     */
    static byte[] randomKey(Path file, int bytes, String what) {
        try {
            if (!Files.exists(file)) {
                createRandomKey(file, bytes);
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + what + " " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the " + what + " " + file + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static void createRandomKey(Path file, int bytes) throws IOException {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createFile(temporary);
            ownerOnly(temporary);
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            // Moved in whole and without replacing: a reader never sees half a key.
            Files.move(temporary, file);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; theirs is the one to use.
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
