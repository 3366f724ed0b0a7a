package dev.avatarvideo.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An avatar video we were asked to produce, from request to a file in the customer's storage.
 *
 * <p>Immutable: every lifecycle step returns a new value, and the constructor refuses any combination the lifecycle
 * cannot produce (a READY video without a file, a FAILED one without a reason, a rendering one without a render id),
 * so a repository cannot hand back a video in an impossible state either.
 *
 * @param title optional; {@code null} when the requester gave none
 * @param renderId the renderer's job id, present from {@link VideoStatus#RENDERING} on
 * @param failure present exactly when {@link VideoStatus#FAILED}
 * @param file present exactly when {@link VideoStatus#READY}
 * @param ingestAttempts how many times copying the rendered file into storage has failed so far
 * @param ingestRetry present while a failed copy waits to be tried again, with the renderer's temporary address
 * @param version optimistic-locking counter owned by the repository
 * @param captions which captions the renderer is asked for, and which of its files are kept
 * @param renderAttempt which attempt at rendering this is: 1 for the first, one more after each {@link #retry retry}.
 *                      The renderer tells attempts apart by it, so a retry is a new render, not a replay of the failed one
 * @param parts what a READY video keeps besides its file (captions, poster, preview, media facts); {@link LessonParts#NONE}
 *              before READY and for videos stored before parts were kept
 */
public record AvatarVideo(
        VideoId id,
        TenantId tenantId,
        String title,
        List<Scene> scenes,
        Resolution resolution,
        AspectRatio aspectRatio,
        VideoStatus status,
        RenderId renderId,
        VideoFailure failure,
        StoredFile file,
        int ingestAttempts,
        IngestRetry ingestRetry,
        Instant createdAt,
        Instant updatedAt,
        long version,
        CaptionChoice captions,
        int renderAttempt,
        LessonParts parts) {

    /** HeyGen's limit for one multi-scene video. */
    public static final int MAX_SCENES = 50;
    public static final int MAX_TITLE_LENGTH = 255;

    public AvatarVideo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        title = checkTitle(title);
        scenes = checkScenes(scenes);
        Require.present("resolution", resolution);
        Require.present("aspectRatio", aspectRatio);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalStateException("video " + id + " updated before it was created");
        }
        if (ingestAttempts < 0) {
            throw new IllegalStateException("ingestAttempts must not be negative");
        }
        boolean rendered = status == VideoStatus.RENDERING || status == VideoStatus.INGESTING || status == VideoStatus.READY;
        if (rendered && renderId == null) {
            throw new IllegalStateException("video " + id + " is " + status + " but has no render id");
        }
        if ((status == VideoStatus.FAILED) != (failure != null)) {
            throw new IllegalStateException("video " + id + ": a failure reason exists exactly when it is FAILED (status " + status + ")");
        }
        if ((status == VideoStatus.READY) != (file != null)) {
            throw new IllegalStateException("video " + id + ": a stored file exists exactly when it is READY (status " + status + ")");
        }
        if (renderAttempt < 1) {
            throw new IllegalStateException("video " + id + ": renderAttempt starts at 1 (got " + renderAttempt + ")");
        }
        Objects.requireNonNull(captions, "captions");
        Objects.requireNonNull(parts, "parts");
        if (status != VideoStatus.READY && !parts.equals(LessonParts.NONE)) {
            throw new IllegalStateException("video " + id + ": only a READY video keeps lesson parts (status " + status + ")");
        }
        parts.requireStoredUnder(tenantId);
        if (ingestRetry != null && status != VideoStatus.INGESTING) {
            throw new IllegalStateException("video " + id + ": only an INGESTING video waits for another copy attempt (status " + status + ")");
        }
    }

    /** A video without captions, as every video was before captions could be asked for. */
    public AvatarVideo(VideoId id, TenantId tenantId, String title, List<Scene> scenes, Resolution resolution,
                       AspectRatio aspectRatio, VideoStatus status, RenderId renderId, VideoFailure failure, StoredFile file,
                       int ingestAttempts, IngestRetry ingestRetry, Instant createdAt, Instant updatedAt, long version) {
        this(id, tenantId, title, scenes, resolution, aspectRatio, status, renderId, failure, file, ingestAttempts, ingestRetry,
                createdAt, updatedAt, version, CaptionChoice.NONE);
    }

    /** A video on its first render attempt, as every video was before a failed one could be retried. */
    public AvatarVideo(VideoId id, TenantId tenantId, String title, List<Scene> scenes, Resolution resolution,
                       AspectRatio aspectRatio, VideoStatus status, RenderId renderId, VideoFailure failure, StoredFile file,
                       int ingestAttempts, IngestRetry ingestRetry, Instant createdAt, Instant updatedAt, long version,
                       CaptionChoice captions) {
        this(id, tenantId, title, scenes, resolution, aspectRatio, status, renderId, failure, file, ingestAttempts, ingestRetry,
                createdAt, updatedAt, version, captions, 1);
    }

    /** A video without lesson parts, as every video was before they were kept. */
    public AvatarVideo(VideoId id, TenantId tenantId, String title, List<Scene> scenes, Resolution resolution,
                       AspectRatio aspectRatio, VideoStatus status, RenderId renderId, VideoFailure failure, StoredFile file,
                       int ingestAttempts, IngestRetry ingestRetry, Instant createdAt, Instant updatedAt, long version,
                       CaptionChoice captions, int renderAttempt) {
        this(id, tenantId, title, scenes, resolution, aspectRatio, status, renderId, failure, file, ingestAttempts, ingestRetry,
                createdAt, updatedAt, version, captions, renderAttempt, LessonParts.NONE);
    }

    /** A new request, waiting for its turn at the renderer. */
    public static AvatarVideo request(VideoId id, TenantId tenantId, String title, List<Scene> scenes,
                                      Resolution resolution, AspectRatio aspectRatio, Instant now) {
        return request(id, tenantId, title, scenes, resolution, aspectRatio, CaptionChoice.NONE, now);
    }

    /** A new request, waiting for its turn at the renderer, with the captions asked for. */
    public static AvatarVideo request(VideoId id, TenantId tenantId, String title, List<Scene> scenes,
                                      Resolution resolution, AspectRatio aspectRatio, CaptionChoice captions, Instant now) {
        return new AvatarVideo(id, tenantId, title, scenes, resolution, aspectRatio, VideoStatus.QUEUED,
                null, null, null, 0, null, now, now, 0, captions, 1, LessonParts.NONE);
    }

    public AvatarVideo startRendering(RenderId assignedRenderId, Instant now) {
        Objects.requireNonNull(assignedRenderId, "assignedRenderId");
        return moveTo(VideoStatus.RENDERING, assignedRenderId, null, null, now);
    }

    public AvatarVideo startIngesting(Instant now) {
        return moveTo(VideoStatus.INGESTING, renderId, null, null, now);
    }

    /**
     * The copy into storage failed; the video stays INGESTING, playable meanwhile from the renderer's temporary
     * address, and is tried again when {@code retry} says.
     */
    public AvatarVideo ingestAttemptFailed(IngestRetry retry, Instant now) {
        Objects.requireNonNull(retry, "retry");
        if (status != VideoStatus.INGESTING) {
            throw new IllegalTransitionException(id, status, VideoStatus.INGESTING);
        }
        return new AvatarVideo(id, tenantId, title, scenes, resolution, aspectRatio, status, renderId, null, null,
                ingestAttempts + 1, retry, createdAt, later(now), version, captions, renderAttempt, LessonParts.NONE);
    }

    /** Whether ingest should try this video now: it is INGESTING and not waiting out a back-off. */
    public boolean dueForIngestAt(Instant now) {
        return status == VideoStatus.INGESTING && (ingestRetry == null || !now.isBefore(ingestRetry.nextAttemptAt()));
    }

    public AvatarVideo markReady(StoredFile storedFile, Instant now) {
        return markReady(storedFile, LessonParts.NONE, now);
    }

    /** Ready with every part of the lesson stored: the video file and what goes with it. */
    public AvatarVideo markReady(StoredFile storedFile, LessonParts storedParts, Instant now) {
        Objects.requireNonNull(storedFile, "storedFile");
        Objects.requireNonNull(storedParts, "storedParts");
        if (!storedFile.storagePath().tenant().equals(tenantId)) {
            throw new IllegalArgumentException("file " + storedFile.storagePath() + " is not stored under tenant " + tenantId);
        }
        if (!status.canMoveTo(VideoStatus.READY)) {
            throw new IllegalTransitionException(id, status, VideoStatus.READY);
        }
        return new AvatarVideo(id, tenantId, title, scenes, resolution, aspectRatio, VideoStatus.READY, renderId, null,
                storedFile, ingestAttempts, null, createdAt, later(now), version, captions, renderAttempt, storedParts);
    }

    public AvatarVideo fail(VideoFailure reason, Instant now) {
        Objects.requireNonNull(reason, "reason");
        return moveTo(VideoStatus.FAILED, renderId, reason, null, now);
    }

    /**
     * Tries a failed video again: back in the queue as a new render attempt, with nothing of the failed one kept (its
     * render id, failure and copy attempts). Only a FAILED video can be retried; one still on its way is simply waited
     * for, and a READY one has nothing to retry.
     */
    public AvatarVideo retry(Instant now) {
        if (status != VideoStatus.FAILED) {
            throw new IllegalTransitionException(id, status, VideoStatus.QUEUED);
        }
        return new AvatarVideo(id, tenantId, title, scenes, resolution, aspectRatio, VideoStatus.QUEUED, null, null, null, 0, null,
                createdAt, later(now), version, captions, renderAttempt + 1, LessonParts.NONE);
    }

    public Optional<StoredFile> storedFile() {
        return Optional.ofNullable(file);
    }

    public Optional<RenderId> assignedRenderId() {
        return Optional.ofNullable(renderId);
    }

    public Optional<VideoFailure> failureReason() {
        return Optional.ofNullable(failure);
    }

    public Optional<IngestRetry> pendingIngestRetry() {
        return Optional.ofNullable(ingestRetry);
    }

    /** The same video as the repository stored it under a new version number. */
    public AvatarVideo withVersion(long newVersion) {
        return new AvatarVideo(id, tenantId, title, scenes, resolution, aspectRatio, status, renderId, failure, file,
                ingestAttempts, ingestRetry, createdAt, updatedAt, newVersion, captions, renderAttempt, parts);
    }

    /** The same video with the addresses of its file and of every part freshly issued; a read-side view. */
    public AvatarVideo withFileUrls(java.util.function.Function<StoredFile, java.net.URI> freshUrl) {
        if (file == null) {
            return this;
        }
        return new AvatarVideo(id, tenantId, title, scenes, resolution, aspectRatio, status, renderId, failure,
                file.withFileUrl(freshUrl.apply(file)), ingestAttempts, ingestRetry, createdAt, updatedAt, version, captions,
                renderAttempt, parts.withFileUrls(freshUrl));
    }

    /** The keys of every object this video owns: its file and its parts. */
    public List<StorageKey> storedKeys() {
        if (file == null) {
            return List.of();
        }
        List<StorageKey> keys = new java.util.ArrayList<>(parts.keys());
        keys.addFirst(file.storagePath());
        return List.copyOf(keys);
    }

    /** A status change ends any wait for another copy attempt: the video is no longer INGESTING. */
    private AvatarVideo moveTo(VideoStatus next, RenderId nextRenderId, VideoFailure nextFailure, StoredFile nextFile, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException(id, status, next);
        }
        return new AvatarVideo(id, tenantId, title, scenes, resolution, aspectRatio, next, nextRenderId, nextFailure,
                nextFile, ingestAttempts, null, createdAt, later(now), version, captions, renderAttempt, LessonParts.NONE);
    }

    /** Clocks on different machines disagree a little; a video's history must still never run backwards. */
    private Instant later(Instant now) {
        Objects.requireNonNull(now, "now");
        return now.isBefore(updatedAt) ? updatedAt : now;
    }

    /** The title as it will be kept: trimmed, {@code null} when blank; refused when too long. */
    public static String checkTitle(String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        String trimmed = title.strip();
        Require.maxLength("title", trimmed, MAX_TITLE_LENGTH);
        return trimmed;
    }

    /** An unmodifiable copy of the scenes when their number is one HeyGen can render; refused otherwise. */
    public static List<Scene> checkScenes(List<Scene> scenes) {
        if (scenes == null || scenes.isEmpty()) {
            throw new InvalidInputException("scenes", "scenes must contain at least one scene");
        }
        if (scenes.size() > MAX_SCENES) {
            throw new InvalidInputException("scenes", "scenes may contain at most " + MAX_SCENES + " scenes (got " + scenes.size() + ")");
        }
        for (int i = 0; i < scenes.size(); i++) {
            if (scenes.get(i) == null) {
                throw new InvalidInputException("scenes[" + i + "]", "scenes[" + i + "] must not be null");
            }
        }
        return List.copyOf(scenes);
    }
}
