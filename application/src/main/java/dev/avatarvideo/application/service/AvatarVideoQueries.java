package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.GetAvatarVideo;
import dev.avatarvideo.application.port.in.video.ListAvatarVideos;
import dev.avatarvideo.application.port.in.video.ListAvatarVideosQuery;
import dev.avatarvideo.domain.VideoPage;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.Optional;

/**
 * Reads videos for callers. Every file address is issued fresh on read, because addresses into private storage
 * expire and a stored one may already be dead.
 */
public final class AvatarVideoQueries implements GetAvatarVideo, ListAvatarVideos {

    private final Videos videos;
    private final FileStorage storage;

    public AvatarVideoQueries(Videos videos, FileStorage storage) {
        this.videos = videos;
        this.storage = storage;
    }

    @Override
    public Optional<AvatarVideo> get(TenantId tenantId, VideoId videoId) {
        return videos.find(tenantId, videoId).map(this::withFreshFileUrl);
    }

    @Override
    public VideoPage list(ListAvatarVideosQuery query) {
        VideoPage page = videos.list(query.tenantId(), query.filter(), query.limit(), query.after());
        return new VideoPage(page.videos().stream().map(this::withFreshFileUrl).toList(), page.next());
    }

    private AvatarVideo withFreshFileUrl(AvatarVideo video) {
        return video.withFileUrls(storage::accessUrl);
    }
}
