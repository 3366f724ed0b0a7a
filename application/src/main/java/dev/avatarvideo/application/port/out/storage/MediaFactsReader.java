package dev.avatarvideo.application.port.out.storage;

import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.StorageKey;
import java.util.Optional;

/**
 * Reads what a stored video is (duration, picture size, codecs, frame rate, bit rate) from the file itself, fetching
 * only the few parts of it that say so, never the whole file.
 */
public interface MediaFactsReader {

    /**
     * The facts of the video stored under the key; empty when nothing is stored there.
     *
     * @throws UnreadableMediaException when the file is not a video this reader understands, saying why
     * @throws FileStorage.StorageFailureException when the storage failed; reading again later may succeed
     */
    Optional<MediaFacts> read(StorageKey key);

    /** The stored file is not a video whose facts can be read: not an MP4, cut short, or built in a way not supported. */
    final class UnreadableMediaException extends RuntimeException {

        public UnreadableMediaException(String message) {
            super(message);
        }

        public UnreadableMediaException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
