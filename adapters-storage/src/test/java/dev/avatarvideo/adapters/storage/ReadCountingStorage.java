package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.TenantId;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A storage that counts the reads made of it and the bytes they fetched, for tests of how little a reader reads. */
final class ReadCountingStorage implements FileStorage {

    private final FileStorage storage;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong bytesFetched = new AtomicLong();

    ReadCountingStorage(FileStorage storage) {
        this.storage = storage;
    }

    int reads() {
        return reads.get();
    }

    /** What the storage sent for every read: the ranges' lengths, or whole files. */
    long bytesFetched() {
        return bytesFetched.get();
    }

    void reset() {
        reads.set(0);
        bytesFetched.set(0);
    }

    @Override
    public Optional<StoredObject> open(StorageKey key, ByteRange range) {
        Optional<StoredObject> opened = storage.open(key, range);
        opened.ifPresent(object -> {
            reads.incrementAndGet();
            bytesFetched.addAndGet(object.contentLength());
        });
        return opened;
    }

    @Override
    public String providerName() {
        return storage.providerName();
    }

    @Override
    public StoredFile store(StorageKey key, FileUpload upload) {
        return storage.store(key, upload);
    }

    @Override
    public boolean exists(StorageKey key) {
        return storage.exists(key);
    }

    @Override
    public void delete(StorageKey key) {
        storage.delete(key);
    }

    @Override
    public long deleteAll(TenantId tenant) {
        return storage.deleteAll(tenant);
    }

    @Override
    public URI accessUrl(StorageKey key, UrlOptions options) {
        return storage.accessUrl(key, options);
    }
}
