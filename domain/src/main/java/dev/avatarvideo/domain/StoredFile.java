package dev.avatarvideo.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file copied into the customer's storage, with everything needed to serve, verify and delete it later.
 *
 * <p>{@code fileUrl} is the address handed out when the file was stored; for private storage it expires, so readers
 * get a freshly issued one through {@link #withFileUrl(URI)} rather than trusting the stored value.
 */
public record StoredFile(
        URI fileUrl,
        String fileName,
        long fileSize,
        String fileType,
        StorageKey storagePath,
        Instant uploadedAt,
        String checksum,
        String provider) {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    public StoredFile {
        Objects.requireNonNull(fileUrl, "fileUrl");
        Require.notBlank("fileName", fileName);
        Require.maxLength("fileName", fileName, 255);
        if (fileSize < 0) {
            throw new InvalidInputException("fileSize", "fileSize must not be negative");
        }
        Require.notBlank("fileType", fileType);
        Objects.requireNonNull(storagePath, "storagePath");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        Require.matches("checksum", checksum, SHA256, "must look like sha256:<64 lowercase hex digits>");
        Require.notBlank("provider", provider);
    }

    public static String sha256Checksum(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
        }
        return "sha256:" + java.util.HexFormat.of().formatHex(digest);
    }

    public StoredFile withFileUrl(URI freshUrl) {
        return new StoredFile(freshUrl, fileName, fileSize, fileType, storagePath, uploadedAt, checksum, provider);
    }
}
