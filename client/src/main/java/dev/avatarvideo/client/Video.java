package dev.avatarvideo.client;

import java.time.Instant;
import java.util.Optional;

/**
 * A video as the service shows it. Every file's address is fresh when read and expires (an hour on private storage).
 *
 * @param captions the captions asked for; {@code null} only for a choice this client does not know yet
 * @param error present once the video FAILED
 * @param file present once the video is READY
 * @param media what the stored video is (duration, size, codecs, frame and bit rate); READY videos stored before the
 *              service kept it have none
 * @param captionFiles the caption track (SRT and WebVTT) of a {@code sidecar} or {@code both} video
 * @param poster the still to show before play
 * @param preview a short animated preview for lists
 * @param waiting present while a QUEUED or RENDERING video waits on HeyGen (unreachable, refusing the key, rate limiting)
 */
public record Video(String id, VideoStatus status, String title, String resolution, String aspectRatio, CaptionChoice captions,
                    Instant createdAt, Instant updatedAt, VideoError error, VideoFile file, MediaFacts media, CaptionFiles captionFiles,
                    VideoFile poster, VideoFile preview, VideoWaiting waiting) {

    public Optional<VideoError> failure() {
        return Optional.ofNullable(error);
    }

    public Optional<VideoFile> storedFile() {
        return Optional.ofNullable(file);
    }

    public Optional<MediaFacts> mediaFacts() {
        return Optional.ofNullable(media);
    }

    public Optional<CaptionFiles> captionTrack() {
        return Optional.ofNullable(captionFiles);
    }

    public Optional<VideoFile> posterImage() {
        return Optional.ofNullable(poster);
    }

    public Optional<VideoFile> previewImage() {
        return Optional.ofNullable(preview);
    }

    public Optional<VideoWaiting> waitingReason() {
        return Optional.ofNullable(waiting);
    }
}
