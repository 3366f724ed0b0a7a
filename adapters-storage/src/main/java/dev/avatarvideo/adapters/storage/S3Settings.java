package dev.avatarvideo.adapters.storage;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an S3-compatible bucket.
 *
 * @param endpoint the server for anything but AWS itself (MinIO, R2, Supabase, …); empty means AWS S3
 * @param forcePathStyle address the bucket as {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}
 * @param publicUrlBase set when the bucket is publicly readable: addresses are then {@code base/key}, unsigned
 * @param checksums whether the SDK adds CRC32 checksums wherever S3 supports them, or only where S3 requires one;
 *                  several S3-compatible servers reject the headers of the former
 * @param credentials fixed credentials; empty means the AWS default chain (environment, profile, instance role)
 * @param partSize bytes per multipart part, and the size up to which one plain upload is used; the only buffer an
 *                 upload holds
 */
public record S3Settings(
        String bucket,
        String region,
        Optional<URI> endpoint,
        boolean forcePathStyle,
        Optional<URI> publicUrlBase,
        Checksums checksums,
        Optional<Credentials> credentials,
        int partSize) {

    /** S3 refuses smaller parts (except the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    public enum Checksums {
        WHEN_SUPPORTED, WHEN_REQUIRED
    }

    public record Credentials(String accessKeyId, String secretAccessKey) {

        public Credentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
        }
    }

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(publicUrlBase, "publicUrlBase");
        Objects.requireNonNull(checksums, "checksums");
        Objects.requireNonNull(credentials, "credentials");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be at least " + MIN_PART_SIZE + " bytes (got " + partSize + ")");
        }
    }
}
