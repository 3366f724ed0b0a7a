package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.out.FileStorage;
import dev.avatarvideo.application.port.out.FileStorage.FileUpload;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileStorage} provider must do, run against each of them with the same tests: the in-memory
 * fake, the local filesystem and S3-compatible servers.
 */
public abstract class FileStorageContract {

    protected static final TenantId TENANT = TenantId.of("contract");

    private FileStorage storage;

    protected abstract FileStorage newStorage();

    /** The provider name this implementation records with every file. */
    protected abstract String expectedProvider();

    @BeforeEach
    void setUpStorage() {
        storage = newStorage();
    }

    @Test
    void storesAStreamOfKnownLengthWithFullMetadata() throws Exception {
        byte[] bytes = randomBytes(300_001, 1);
        StorageKey key = StorageKey.newFor(TENANT, "lesson.mp4");

        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), "Lesson 1.mp4", "video/mp4"));

        assertThat(file.storagePath()).isEqualTo(key);
        assertThat(file.fileSize()).isEqualTo(bytes.length);
        assertThat(file.checksum()).isEqualTo(sha256(bytes));
        assertThat(file.fileName()).isEqualTo("Lesson 1.mp4");
        assertThat(file.fileType()).isEqualTo("video/mp4");
        assertThat(file.provider()).isEqualTo(expectedProvider());
        assertThat(file.uploadedAt()).isNotNull();
        assertThat(file.fileUrl()).isNotNull();
        assertThat(storage.exists(key)).isTrue();
        try (StoredObject object = storage.open(key).orElseThrow()) {
            assertThat(object.length()).isEqualTo(bytes.length);
            assertThat(object.contentType()).isEqualTo("video/mp4");
            assertThat(object.content().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void storesAStreamOfUnknownLength() throws Exception {
        byte[] bytes = randomBytes(70_000, 2);
        StorageKey key = StorageKey.newFor(TENANT, "notes.pdf");

        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.empty(), "notes.pdf", "application/pdf"));

        assertThat(file.fileSize()).isEqualTo(bytes.length);
        assertThat(file.checksum()).isEqualTo(sha256(bytes));
        try (StoredObject object = storage.open(key).orElseThrow()) {
            assertThat(object.content().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void storesAnEmptyStream() {
        StorageKey key = StorageKey.newFor(TENANT, "empty.txt");

        StoredFile file = storage.store(key, new FileUpload(InputStream.nullInputStream(), OptionalLong.of(0), "empty.txt", "text/plain"));

        assertThat(file.fileSize()).isZero();
        assertThat(file.checksum()).isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void contentShorterThanAnnouncedLeavesNothingBehind() {
        byte[] bytes = randomBytes(10_000, 3);
        StorageKey key = StorageKey.newFor(TENANT, "truncated.mp4");

        assertThatThrownBy(() -> storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(20_000), "t.mp4", "video/mp4")))
                .isInstanceOf(FileStorage.StorageFailureException.class);

        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.open(key)).isEmpty();
    }

    @Test
    void aSourceThatBreaksHalfwayLeavesNothingBehind() {
        StorageKey key = StorageKey.newFor(TENANT, "broken.mp4");
        InputStream breaking = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ >= 50_000) {
                    throw new IOException("connection reset by peer");
                }
                return served & 0xff;
            }
        };

        assertThatThrownBy(() -> storage.store(key, new FileUpload(breaking, OptionalLong.empty(), "b.mp4", "video/mp4")))
                .isInstanceOf(FileStorage.StorageFailureException.class);

        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void deletingRemovesTheObjectAndAMissingKeyCountsAsDeleted() {
        StorageKey key = StorageKey.newFor(TENANT, "gone.txt");
        storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {1, 2, 3}), OptionalLong.of(3), "gone.txt", "text/plain"));

        storage.delete(key);
        storage.delete(key);
        storage.delete(StorageKey.newFor(TENANT, "never-existed.txt"));

        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.open(key)).isEmpty();
    }

    @Test
    void issuesAnAccessUrlForAStoredFile() {
        StorageKey key = StorageKey.newFor(TENANT, "clip.mp4");
        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {9}), OptionalLong.of(1), "clip.mp4", "video/mp4"));

        assertThat(storage.accessUrl(file).toString()).contains(key.value());
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
