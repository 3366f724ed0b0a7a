package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.ReadStoredFile;
import dev.avatarvideo.application.port.out.FileStorage;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.StorageKey;
import java.util.Optional;

/** Serves stored bytes for providers whose files we hand out through our own address. */
public final class StoredFileReader implements ReadStoredFile {

    private final FileStorage storage;

    public StoredFileReader(FileStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<StoredObject> open(StorageKey key) {
        return storage.open(key);
    }
}
