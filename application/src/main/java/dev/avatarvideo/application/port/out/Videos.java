package dev.avatarvideo.application.port.out;

import dev.avatarvideo.domain.VideoPage;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.TenantId;
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
    VideoPage list(TenantId tenantId, int limit, Optional<PageCursor> after);

    /** Those of the given videos that exist and belong to the tenant, in no particular order. */
    List<AvatarVideo> findAll(TenantId tenantId, Collection<VideoId> videoIds);
}
