package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.FakeFileAccessSigner;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the file system does: sharding, temporaries, seeking and the shape of its signed addresses. The contract
 * suite runs on this adapter in {@code bootstrap}, where the web route that serves its addresses is wired in.
 */
class FileSystemFileStorageTest {

    private static final TenantId TENANT = TenantId.of("fs");

    @TempDir
    Path root;

    private final TestClock clock = new TestClock();
    private final FakeFileAccessSigner signer = new FakeFileAccessSigner();

    private FileSystemFileStorage newStorage() {
        return new FileSystemFileStorage(root, URI.create("http://localhost:8080/"), signer, clock);
    }

    /**
     * A process killed while it copies leaves the half-written temporary behind. It carries the key's name, so deleting
     * the key (what the sweeper does for every upload whose record never committed) removes it too.
     */
    @Test
    @Timeout(30)
    void deletingTheKeyOfAnUploadStillWritingRemovesItsHalfWrittenTemporary() throws Exception {
        FileSystemFileStorage storage = newStorage();
        StorageKey key = StorageKey.newFor(TENANT, "interrupted.mp4");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        InputStream halfThenStuck = new java.io.SequenceInputStream(new ByteArrayInputStream(new byte[1024 * 1024]), new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the copy never finishes: its process was killed");
            }
        });
        var storing = java.util.concurrent.CompletableFuture.runAsync(() -> storage.store(key,
                new FileUpload(halfThenStuck, OptionalLong.empty(), "interrupted.mp4", "video/mp4")));
        while (filesUnder(root).stream().noneMatch(p -> p.toString().endsWith(".part") && p.toFile().length() > 0)) {
            Thread.sleep(20);
        }
        Path temporary = filesUnder(root).getFirst();
        assertThat(root.relativize(temporary).toString()).as("named after the key").contains(key.value().replace('/', '.'));

        storage.delete(key);

        assertThat(filesUnder(root)).as("nothing of the upload is left").isEmpty();
        release.countDown();
        assertThat(storing).failsWithin(Duration.ofSeconds(10));
        assertThat(filesUnder(root)).isEmpty();
        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void deletingATenantRemovesItsUploadsInProgressButNoOneElses() throws IOException {
        FileSystemFileStorage storage = newStorage();
        Path incoming = root.resolve(".incoming");
        Path ours = Files.writeString(incoming.resolve("fs." + "a".repeat(32) + ".mp4.part"), "half");
        Path theirs = Files.writeString(incoming.resolve("fs-other." + "b".repeat(32) + ".mp4.part"), "half");

        storage.deleteAll(TENANT);

        assertThat(ours).doesNotExist();
        assertThat(theirs).exists();
    }

    private static java.util.List<Path> filesUnder(Path directory) throws IOException {
        try (Stream<Path> tree = Files.walk(directory)) {
            return tree.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void shardsObjectsIntoTwoDirectoryLevelsAndLeavesNoTemporaries() throws IOException {
        FileSystemFileStorage storage = newStorage();
        StorageKey key = StorageKey.newFor(TENANT, "clip.mp4");

        storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {1, 2}), OptionalLong.of(2), "clip.mp4", "video/mp4"));

        String name = key.value().substring(TENANT.value().length() + 1);
        assertThat(storage.pathOf(key)).isEqualTo(root.resolve(TENANT.value()).resolve(name.substring(0, 2)).resolve(name.substring(2, 4)).resolve(name));
        assertThat(storage.pathOf(key)).exists();
        try (Stream<Path> incoming = Files.list(root.resolve(".incoming"))) {
            assertThat(incoming).isEmpty();
        }
    }

    @Test
    void aFailedStoreLeavesNoTemporaryFileBehind() throws IOException {
        FileStorage storage = newStorage();
        try {
            storage.store(StorageKey.newFor(TENANT, "x.mp4"), new FileUpload(new ByteArrayInputStream(new byte[10]), OptionalLong.of(11), "x.mp4", "video/mp4"));
        } catch (FileStorage.StorageFailureException expected) {
            // the contract suite checks the failure itself; here only the debris matters
        }
        try (Stream<Path> incoming = Files.list(root.resolve(".incoming"))) {
            assertThat(incoming).isEmpty();
        }
    }

    @Test
    void addressesPointAtTheFilesRouteAndCarryASignedExpiryNameAndType() {
        FileSystemFileStorage storage = newStorage();
        StorageKey key = StorageKey.newFor(TENANT, "clip.mp4");
        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {1}), OptionalLong.of(1), "Lesson 1.mp4", "video/mp4"));

        URI url = storage.accessUrl(file);

        Instant expires = clock.now().plus(FileStorage.DEFAULT_URL_VALIDITY);
        String signature = signer.sign(new FileAccess(key, expires, "Lesson 1.mp4", "video/mp4"));
        assertThat(url).isEqualTo(URI.create("http://localhost:8080/files/" + key.value() + "?expires=" + expires.getEpochSecond()
                + "&filename=Lesson%201.mp4&type=video%2Fmp4&signature=" + signature));
        assertThat(storage.accessUrl(key, new FileStorage.UrlOptions(Duration.ofSeconds(30), "a.mp4", "video/mp4")).getQuery())
                .startsWith("expires=" + clock.now().plusSeconds(30).getEpochSecond() + "&");
    }

    /** A read near the end of a huge (sparse) file only finishes in time if it seeks rather than reads its way there. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRangeReadSeeksInsteadOfReadingThePrecedingBytes() throws Exception {
        FileSystemFileStorage storage = newStorage();
        StorageKey key = StorageKey.newFor(TENANT, "huge.mp4");
        storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {7}), OptionalLong.of(1), "huge.mp4", "video/mp4"));
        long size = 1L << 40;
        try (RandomAccessFile file = new RandomAccessFile(storage.pathOf(key).toFile(), "rw")) {
            file.setLength(size);
            file.seek(size - 1);
            file.write(42);
        }

        try (StoredObject tail = storage.open(key, ByteRange.lastBytes(2)).orElseThrow()) {
            assertThat(tail.length()).isEqualTo(size);
            assertThat(tail.part()).contains(new ByteRange.Span(size - 2, size - 1));
            assertThat(tail.content().readAllBytes()).containsExactly(0, 42);
        }
    }

    @Test
    void deletingATenantRemovesItsDirectoryTree() {
        FileSystemFileStorage storage = newStorage();
        storage.store(StorageKey.newFor(TENANT, "a.mp4"), new FileUpload(new ByteArrayInputStream(new byte[] {1}), OptionalLong.of(1), "a.mp4", "video/mp4"));

        assertThat(storage.deleteAll(TENANT)).isEqualTo(1);

        assertThat(root.resolve(TENANT.value())).doesNotExist();
    }
}
