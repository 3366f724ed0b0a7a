package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import java.time.Duration;
import java.util.Optional;

/**
 * Follow videos live: first where each one stands (or, when resuming, exactly the events missed since the last one
 * seen), then every change as it is committed on any instance.
 */
public interface WatchVideoStatus {

    /** Opens a watch, or says which video the tenant does not have; nothing is watched then. */
    Opened watch(WatchVideoStatusQuery query);

    /** The answer to {@link #watch}. */
    sealed interface Opened {

        record Watching(StatusWatch watch) implements Opened {
        }

        record UnknownVideo(VideoId videoId) implements Opened {
        }
    }

    /**
     * A live sequence of events for one watcher, each event once and in id order. Reading is for one thread; the
     * watch fills itself from elsewhere. A watcher that falls too far behind is dropped ({@link #isOpen()} turns false)
     * rather than slowing everyone down; it resumes from its last event id.
     */
    interface StatusWatch extends AutoCloseable {

        /** The next event, waiting at most {@code wait}; empty when none came in time or the watch closed. */
        Optional<VideoEvent> next(Duration wait) throws InterruptedException;

        boolean isOpen();

        @Override
        void close();
    }
}
