package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.MediaFactsReader;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.StorageKey;
import java.time.Duration;
import java.util.Optional;

/**
 * The same made-up facts for any object the storage holds: fakes store no real MP4. Reading real boxes is
 * {@code Mp4MediaFactsReader}'s, tested in adapters-storage.
 */
public final class FakeMediaFactsReader implements MediaFactsReader {

    public static final MediaFacts FAKE_FACTS = new MediaFacts(Duration.ofSeconds(4), 1280, 720, "h264", Optional.of("aac"), 25, 800_000);

    private final FileStorage storage;
    private volatile RuntimeException failure;

    public FakeMediaFactsReader(FileStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<MediaFacts> read(StorageKey key) {
        RuntimeException readFailure = failure;
        if (readFailure != null) {
            throw readFailure;
        }
        return storage.exists(key) ? Optional.of(FAKE_FACTS) : Optional.empty();
    }

    /** Every read fails with this exception from now on ({@code UnreadableMediaException}: a file that is no MP4 it knows). */
    public void failReadsWith(RuntimeException failure) {
        this.failure = failure;
    }
}
