package dev.avatarvideo.application.port.out;

import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where finished files live: the customer's bucket or a local disk. Everything streams; nothing here ever holds a
 * whole file in memory.
 */
public interface FileStorage {

    /** The provider's name as recorded with every file ({@code filesystem}, {@code s3}). */
    String providerName();

    /**
     * Streams the content under the given key and answers the file's full metadata, the SHA-256 checksum computed
     * on the way. When the content ends early or the provider fails, nothing is left under the key.
     */
    StoredFile store(StorageKey key, FileUpload upload);

    Optional<StoredObject> open(StorageKey key);

    boolean exists(StorageKey key);

    /** Removes the object; a key that holds nothing already counts as deleted. */
    void delete(StorageKey key);

    /** An address from which the file can be fetched now. */
    URI accessUrl(StoredFile file);

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

    /** The provider failed or the content could not be read; the caller may try again later. */
    final class StorageFailureException extends RuntimeException {

        public StorageFailureException(String message, Throwable cause) {
            super(message, cause);
        }

        public StorageFailureException(String message) {
            super(message);
        }
    }
}
