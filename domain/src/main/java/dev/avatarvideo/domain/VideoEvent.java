package dev.avatarvideo.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a video's history: it was requested, or its status changed. Ids grow in the order events happened,
 * across all videos, so "everything after id N" is a complete and well-ordered answer for any set of videos.
 *
 * @param failure present exactly when the video {@link VideoStatus#FAILED}
 * @param file present exactly when the video is {@link VideoStatus#READY}; its address is issued fresh on delivery
 * @param parts what the READY video keeps besides its file; {@link LessonParts#NONE} for every other status
 */
public record VideoEvent(long id, VideoId videoId, TenantId tenantId, VideoStatus status, VideoFailure failure, StoredFile file,
                         Instant occurredAt, LessonParts parts) {

    /** An event without lesson parts: any event but READY, or READY for a video stored before parts were kept. */
    public VideoEvent(long id, VideoId videoId, TenantId tenantId, VideoStatus status, VideoFailure failure, StoredFile file,
                      Instant occurredAt) {
        this(id, videoId, tenantId, status, failure, file, occurredAt, LessonParts.NONE);
    }

    public VideoEvent {
        if (id < 1) {
            throw new IllegalArgumentException("event ids start at 1 (got " + id + ")");
        }
        Objects.requireNonNull(videoId, "videoId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if ((status == VideoStatus.FAILED) != (failure != null)) {
            throw new IllegalStateException("event " + id + ": a failure reason exists exactly when the video FAILED (status " + status + ")");
        }
        if ((status == VideoStatus.READY) != (file != null)) {
            throw new IllegalStateException("event " + id + ": a stored file exists exactly when the video is READY (status " + status + ")");
        }
        Objects.requireNonNull(parts, "parts");
        if (status != VideoStatus.READY && !parts.equals(LessonParts.NONE)) {
            throw new IllegalStateException("event " + id + ": only a READY video keeps lesson parts (status " + status + ")");
        }
    }

    /** The event's name as the platform sees it: {@code video.queued}, … {@code video.ready}, {@code video.failed}. */
    public String type() {
        return typeOf(status);
    }

    public static String typeOf(VideoStatus status) {
        return "video." + status.name().toLowerCase(Locale.ROOT);
    }

    /** The status a type names ({@code video.ready} → READY), or empty for a name that is not one of ours. */
    public static Optional<VideoStatus> statusOfType(String type) {
        for (VideoStatus status : VideoStatus.values()) {
            if (typeOf(status).equals(type)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public Optional<VideoFailure> failureReason() {
        return Optional.ofNullable(failure);
    }

    public Optional<StoredFile> storedFile() {
        return Optional.ofNullable(file);
    }

    /** The same event with the addresses of its file and every part freshly issued; addresses into private storage expire. */
    public VideoEvent withFileUrls(java.util.function.Function<StoredFile, URI> freshUrl) {
        return file == null ? this : new VideoEvent(id, videoId, tenantId, status, failure, file.withFileUrl(freshUrl.apply(file)),
                occurredAt, parts.withFileUrls(freshUrl));
    }
}
