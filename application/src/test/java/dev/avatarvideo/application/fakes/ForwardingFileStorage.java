package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.TenantId;
import java.net.URI;
import java.util.Optional;

/** A real storage passed through unchanged; fault-injecting tests override only the calls they break. */
public abstract class ForwardingFileStorage implements FileStorage {

    protected final FileStorage real;

    protected ForwardingFileStorage(FileStorage real) {
        this.real = real;
    }

    @Override
    public String providerName() {
        return real.providerName();
    }

    @Override
    public StoredFile store(StorageKey key, FileUpload upload) {
        return real.store(key, upload);
    }

    @Override
    public Optional<StoredObject> open(StorageKey key, ByteRange range) {
        return real.open(key, range);
    }

    @Override
    public boolean exists(StorageKey key) {
        return real.exists(key);
    }

    @Override
    public void delete(StorageKey key) {
        real.delete(key);
    }

    @Override
    public long deleteAll(TenantId tenant) {
        return real.deleteAll(tenant);
    }

    @Override
    public URI accessUrl(StorageKey key, UrlOptions options) {
        return real.accessUrl(key, options);
    }
}
