package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link FileStorage} in memory, for fast unit tests only (it holds whole files on the heap, which production code
 * must never do). Held to the same contract as the real providers.
 */
public final class InMemoryFileStorage implements FileStorage {

    private record Entry(byte[] bytes, String contentType) {
    }

    private final Map<StorageKey, Entry> objects = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile RuntimeException nextStoreFailure;
    private volatile String failingFileNameEnd;
    private volatile RuntimeException deleteFailure;

    public InMemoryFileStorage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String providerName() {
        return "memory";
    }

    @Override
    public StoredFile store(StorageKey key, FileUpload upload) {
        RuntimeException failure = nextStoreFailure;
        if (failure != null) {
            String nameEnd = failingFileNameEnd;
            if (nameEnd == null || upload.fileName().endsWith(nameEnd)) {
                nextStoreFailure = null;
                failingFileNameEnd = null;
                throw failure;
            }
        }
        try (InputStream in = upload.content()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            new DigestInputStream(in, sha256).transferTo(buffer);
            byte[] bytes = buffer.toByteArray();
            if (upload.length().isPresent() && upload.length().getAsLong() != bytes.length) {
                throw new StorageFailureException("content ended after " + bytes.length + " of " + upload.length().getAsLong() + " bytes");
            }
            objects.put(key, new Entry(bytes, upload.contentType()));
            return new StoredFile(accessUrl(key, new UrlOptions(DEFAULT_URL_VALIDITY, upload.fileName(), upload.contentType())), upload.fileName(), bytes.length, upload.contentType(), key, clock.now(),
                    StoredFile.sha256Checksum(sha256.digest()), providerName());
        } catch (IOException e) {
            throw new StorageFailureException("could not read the content for " + key, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<StoredObject> open(StorageKey key, ByteRange range) {
        Entry entry = objects.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        long size = entry.bytes().length;
        if (range instanceof ByteRange.Whole) {
            return Optional.of(new StoredObject(new ByteArrayInputStream(entry.bytes()), size, entry.contentType()));
        }
        ByteRange.Span span = range.within(size).orElseThrow(() -> new RangeNotSatisfiableException(size));
        return Optional.of(new StoredObject(new ByteArrayInputStream(entry.bytes(), (int) span.first(), (int) span.length()), size,
                entry.contentType(), Optional.of(span)));
    }

    @Override
    public boolean exists(StorageKey key) {
        return objects.containsKey(key);
    }

    @Override
    public void delete(StorageKey key) {
        RuntimeException failure = deleteFailure;
        if (failure != null) {
            throw failure;
        }
        objects.remove(key);
    }

    @Override
    public long deleteAll(TenantId tenant) {
        List<StorageKey> theirs = objects.keySet().stream().filter(key -> key.tenant().equals(tenant)).toList();
        theirs.forEach(objects::remove);
        return theirs.size();
    }

    @Override
    public URI accessUrl(StorageKey key, UrlOptions options) {
        return URI.create(urlOf(key) + "?expires=" + clock.now().plus(options.validity()).getEpochSecond()
                + "&filename=" + URLEncoder.encode(options.downloadName(), StandardCharsets.UTF_8)
                + "&type=" + URLEncoder.encode(options.contentType(), StandardCharsets.UTF_8));
    }

    public Set<StorageKey> keys() {
        return Set.copyOf(objects.keySet());
    }

    /** The next store fails with this exception, as a provider outage would. */
    public void failNextStore(RuntimeException failure) {
        this.failingFileNameEnd = null;
        this.nextStoreFailure = failure;
    }

    /**
     * The next store of a file whose name ends so ({@code "-poster.jpg"}) fails with this exception; stores of other
     * files work meanwhile, so one part of several can be made to fail.
     */
    public void failNextStoreOf(String fileNameEnd, RuntimeException failure) {
        this.failingFileNameEnd = fileNameEnd;
        this.nextStoreFailure = failure;
    }

    /** Every delete fails with this exception until {@link #deletesWork()}, as an unreachable provider would. */
    public void failDeletes(RuntimeException failure) {
        this.deleteFailure = failure;
    }

    public void deletesWork() {
        this.deleteFailure = null;
    }

    private static String urlOf(StorageKey key) {
        return "memory://files/" + key.value();
    }
}
