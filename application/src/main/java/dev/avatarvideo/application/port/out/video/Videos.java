package dev.avatarvideo.application.port.out.video;

import dev.avatarvideo.domain.VideoPage;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFilter;
import dev.avatarvideo.domain.VideoId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The avatar videos we know of. */
public interface Videos {

    void add(AvatarVideo video);

    /**
     * Saves a changed video, its stored file included, and answers it with its new version.
     *
     * @throws ConcurrentUpdateException when the stored version is no longer the one the change was made from
     */
    AvatarVideo update(AvatarVideo video);

    /** A video as its tenant sees it: another tenant's video is simply not found. */
    Optional<AvatarVideo> find(TenantId tenantId, VideoId videoId);

    /** For background work that acts on behalf of whichever tenant owns the video. */
    Optional<AvatarVideo> findById(VideoId videoId);

    /** Up to {@code limit} of a tenant's videos, newest first, after the cursor when one is given. */
    default VideoPage list(TenantId tenantId, int limit, Optional<PageCursor> after) {
        return list(tenantId, VideoFilter.ALL, limit, after);
    }

    /** Up to {@code limit} of the tenant's videos the filter accepts, newest first, after the cursor when one is given. */
    VideoPage list(TenantId tenantId, VideoFilter filter, int limit, Optional<PageCursor> after);

    /**
     * Removes the tenant's video with its history, its callback and the record of its file, as they are now; the file's
     * object is the caller's to purge. Answers what was removed; empty when the tenant has no such video.
     *
     * @throws VideoShownException when a topic shows the video
     */
    Optional<RemovedVideo> delete(TenantId tenantId, VideoId videoId);

    /** @param files the stored files the video had (its video and every lesson part), whose objects are now unowned */
    record RemovedVideo(List<StorageKey> files) {

        public RemovedVideo {
            files = List.copyOf(files);
        }
    }

    /** Those of the given videos that exist and belong to the tenant, in no particular order. */
    List<AvatarVideo> findAll(TenantId tenantId, Collection<VideoId> videoIds);

    /** A topic still shows the video, so it cannot go. */
    final class VideoShownException extends RuntimeException {

        public VideoShownException(String message) {
            super(message);
        }
    }
}
