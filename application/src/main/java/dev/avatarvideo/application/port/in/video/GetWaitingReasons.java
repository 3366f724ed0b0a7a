package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoWaiting;
import java.util.Collection;
import java.util.Map;

/** Why a tenant's videos do not move on, for those that wait on the renderer; the others are absent from the answer. */
public interface GetWaitingReasons {

    Map<VideoId, VideoWaiting> waitingOf(TenantId tenant, Collection<VideoId> videos);
}
