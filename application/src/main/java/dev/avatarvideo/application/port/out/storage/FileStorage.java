package dev.avatarvideo.application.port.out.storage;

import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.TenantId;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where finished files live: the customer's bucket or a local disk. Everything streams; nothing here ever holds a
 * whole file in memory. Every provider behaves the same; {@code FileStorageContract} holds each of them to it.
 */
public interface FileStorage {

    /** How long an address handed out with a file stays valid unless the caller asks otherwise. */
    Duration DEFAULT_URL_VALIDITY = Duration.ofHours(1);

    /** The provider's name as recorded with every file ({@code filesystem}, {@code s3}). */
    String providerName();

    /**
     * Streams the content under the given key and answers the file's full metadata, the SHA-256 checksum computed
     * on the way. When the content ends early or the provider fails, nothing is left under the key.
     */
    StoredFile store(StorageKey key, FileUpload upload);

    /** The whole file, or empty when nothing is stored under the key. */
    default Optional<StoredObject> open(StorageKey key) {
        return open(key, ByteRange.WHOLE);
    }

    /**
     * Part of the file (or all of it for {@link ByteRange#WHOLE}), read from the requested offset without passing
     * over the bytes before it; {@link StoredObject#part()} says which bytes came. Empty when nothing is stored.
     *
     * @throws RangeNotSatisfiableException when the range selects no byte of the file
     */
    Optional<StoredObject> open(StorageKey key, ByteRange range);

    boolean exists(StorageKey key);

    /** Removes the object; a key that holds nothing already counts as deleted. */
    void delete(StorageKey key);

    /**
     * Removes every object of a tenant, and any upload of theirs still in progress, for clean-up when a tenant
     * leaves. Answers how many objects were removed; a tenant with nothing stored counts as cleaned up.
     */
    long deleteAll(TenantId tenant);

    /** An address from which the file can be fetched now, presented under its own name and type. */
    default URI accessUrl(StoredFile file) {
        return accessUrl(file.storagePath(), new UrlOptions(DEFAULT_URL_VALIDITY, file.fileName(), file.fileType()));
    }

    /**
     * An address from which the object can be fetched by anyone holding it: signed and valid for
     * {@link UrlOptions#validity()} on private storage, permanent where the storage is public (which then serves
     * the name and type recorded at upload).
     */
    URI accessUrl(StorageKey key, UrlOptions options);

    /**
     * Content on its way into storage.
     *
     * @param length the exact byte count when the source knows it; a mismatch makes the upload fail
     * @param fileName the name a person gave the file; only ever metadata, never part of the key
     */
    record FileUpload(InputStream content, OptionalLong length, String fileName, String contentType) {

        public FileUpload {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(length, "length");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
        }
    }

    /**
     * How an address presents the file.
     *
     * @param downloadName the name a browser saves the file under ({@code Content-Disposition})
     * @param contentType the type the response declares
     */
    record UrlOptions(Duration validity, String downloadName, String contentType) {

        /** Presigned S3 addresses cannot live longer than a week; the same bound holds for every provider. */
        public static final Duration MAX_VALIDITY = Duration.ofDays(7);

        public UrlOptions {
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(downloadName, "downloadName");
            Objects.requireNonNull(contentType, "contentType");
            if (validity.compareTo(Duration.ofSeconds(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
                throw new IllegalArgumentException("validity must be from 1 second to 7 days (got " + validity + ")");
            }
        }
    }

    /** The provider failed or the content could not be read; the caller may try again later. */
    final class StorageFailureException extends RuntimeException {

        public StorageFailureException(String message, Throwable cause) {
            super(message, cause);
        }

        public StorageFailureException(String message) {
            super(message);
        }
    }

    /** The requested bytes lie outside the file, which has {@link #size()} bytes. */
    final class RangeNotSatisfiableException extends RuntimeException {

        private final long size;

        public RangeNotSatisfiableException(long size) {
            super("the file has " + size + " bytes; the requested range lies outside it");
            this.size = size;
        }

        public long size() {
            return size;
        }
    }
}
