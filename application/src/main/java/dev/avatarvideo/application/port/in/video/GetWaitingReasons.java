package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoWaiting;
import java.util.Collection;
import java.util.Map;

/** Why a tenant's videos do not move on, for those that wait on the renderer; the others are absent from the answer. */
public interface GetWaitingReasons {

    /** Looks up only the videos in a status that can wait, so reading a finished video costs nothing more. */
    Map<VideoId, VideoWaiting> waitingOf(TenantId tenant, Collection<AvatarVideo> videos);
}
