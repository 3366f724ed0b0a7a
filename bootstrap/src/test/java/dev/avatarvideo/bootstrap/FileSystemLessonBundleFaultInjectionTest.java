package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.storage.FileSystemFileStorage;
import dev.avatarvideo.adapters.storage.HmacFileAccessSigner;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.StorageKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/** The lesson-bundle fault injection on the local filesystem provider. */
class FileSystemLessonBundleFaultInjectionTest extends LessonBundleFaultInjectionContract {

    @Override
    protected SaveTopicFaultInjectionContract.StorageUnderTest newStorage(Path directory) {
        Path root = directory.resolve("files");
        FileSystemFileStorage storage = new FileSystemFileStorage(root, URI.create("http://localhost:8080"),
                HmacFileAccessSigner.withKey(SecretFiles.randomKey(directory.resolve("file-url-signing.key"), 32, "URL signing key")), Instant::now);
        return new SaveTopicFaultInjectionContract.StorageUnderTest() {
            @Override
            public FileStorage storage() {
                return storage;
            }

            @Override
            public Set<StorageKey> keys() {
                return FileSystemSaveTopicFaultInjectionTest.objectsUnder(root);
            }
        };
    }
}
