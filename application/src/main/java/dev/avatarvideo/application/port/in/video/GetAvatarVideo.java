package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.Optional;

/** Read one video of a tenant, with a freshly issued address for its file when it has one. */
public interface GetAvatarVideo {

    Optional<AvatarVideo> get(TenantId tenantId, VideoId videoId);
}
