package dev.avatarvideo.client;

import java.time.Instant;
import java.util.Optional;

/**
 * A video as the service shows it.
 *
 * @param error present once the video FAILED
 * @param file present once the video is READY; its address is fresh when read and expires (an hour on private storage)
 * @param waiting present while a QUEUED or RENDERING video waits on HeyGen (unreachable, refusing the key, rate limiting)
 */
public record Video(String id, VideoStatus status, String title, String resolution, String aspectRatio, boolean captions,
                    Instant createdAt, Instant updatedAt, VideoError error, VideoFile file, VideoWaiting waiting) {

    public Optional<VideoError> failure() {
        return Optional.ofNullable(error);
    }

    public Optional<VideoFile> storedFile() {
        return Optional.ofNullable(file);
    }

    public Optional<VideoWaiting> waitingReason() {
        return Optional.ofNullable(waiting);
    }
}
