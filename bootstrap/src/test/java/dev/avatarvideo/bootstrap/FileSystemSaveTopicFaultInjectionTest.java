package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.storage.FileSystemFileStorage;
import dev.avatarvideo.adapters.storage.HmacFileAccessSigner;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.StorageKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The fault-injection acceptance test on the local filesystem provider. */
class FileSystemSaveTopicFaultInjectionTest extends SaveTopicFaultInjectionContract {

    @Override
    protected StorageUnderTest newStorage(Path directory) {
        Path root = directory.resolve("files");
        FileSystemFileStorage storage = new FileSystemFileStorage(root, URI.create("http://localhost:8080"),
                HmacFileAccessSigner.withKey(SecretFiles.randomKey(directory.resolve("file-url-signing.key"), 32, "URL signing key")), Instant::now);
        return new StorageUnderTest() {
            @Override
            public FileStorage storage() {
                return storage;
            }

            @Override
            public Set<StorageKey> keys() {
                return objectsUnder(root);
            }
        };
    }

    /** Every object the filesystem provider holds: {@code <root>/<tenant>/<aa>/<bb>/<name>}, minus temporaries and metadata files. */
    static Set<StorageKey> objectsUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).startsWith(".incoming"))
                    .filter(f -> !f.getFileName().toString().endsWith(".meta") && !f.getFileName().toString().endsWith(".part"))
                    .map(f -> new StorageKey(root.relativize(f).getName(0) + "/" + f.getFileName()))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
