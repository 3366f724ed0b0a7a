package dev.avatarvideo.application.port.in;

import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.StorageKey;
import java.util.Optional;

/** Stream a stored file's bytes to whoever holds its address (storage providers that we serve ourselves). */
public interface ReadStoredFile {

    Optional<StoredObject> open(StorageKey key);
}
