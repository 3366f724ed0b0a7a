package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.contract.FileStorageContract;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.FileStorage;
import dev.avatarvideo.application.port.out.FileStorage.FileUpload;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemFileStorageTest extends FileStorageContract {

    @TempDir
    Path root;

    @Override
    protected FileStorage newStorage() {
        return new FileSystemFileStorage(root, URI.create("http://localhost:8080/"), new TestClock());
    }

    @Override
    protected String expectedProvider() {
        return "filesystem";
    }

    @Test
    void shardsObjectsIntoTwoDirectoryLevelsAndLeavesNoTemporaries() throws IOException {
        FileSystemFileStorage storage = (FileSystemFileStorage) newStorage();
        StorageKey key = StorageKey.newFor(TENANT, "clip.mp4");

        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {1, 2}), OptionalLong.of(2), "clip.mp4", "video/mp4"));

        String name = key.value().substring(TENANT.value().length() + 1);
        assertThat(storage.pathOf(key)).isEqualTo(root.resolve(TENANT.value()).resolve(name.substring(0, 2)).resolve(name.substring(2, 4)).resolve(name));
        assertThat(storage.pathOf(key)).exists();
        try (Stream<Path> incoming = Files.list(root.resolve(".incoming"))) {
            assertThat(incoming).isEmpty();
        }
        assertThat(file.fileUrl()).isEqualTo(URI.create("http://localhost:8080/files/" + key.value()));
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
}
