package dev.avatarvideo.client;

import java.time.Instant;
import java.util.Optional;

/**
 * A tracked video reached a new status.
 *
 * @param eventId the service's event id when it came from the stream; 0 when it came from polling
 * @param at when the service saw the change (polling: when the video last changed)
 * @param source how the tracker learned it
 */
public record StatusUpdate(String videoId, VideoStatus status, long eventId, Instant at, VideoError error, VideoFile file, Source source) {

    /** How a status change reached the tracker. */
    public enum Source {
        STREAM,
        POLL
    }

    public boolean isTerminal() {
        return status.isTerminal();
    }

    public Optional<VideoError> failure() {
        return Optional.ofNullable(error);
    }

    public Optional<VideoFile> storedFile() {
        return Optional.ofNullable(file);
    }

    static StatusUpdate polled(Video video) {
        return new StatusUpdate(video.id(), video.status(), 0, video.updatedAt(), video.error(), video.file(), Source.POLL);
    }
}
