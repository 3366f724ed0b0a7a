package dev.avatarvideo.application.port.out.video;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.VideoWaiting;
import java.util.Collection;
import java.util.Map;

/**
 * Why videos wait, kept with the renderer account that makes them wait and the status they wait in. A waiting reason
 * only counts while its video still has that status: a video that moved on (or was deleted) is not waiting any more,
 * whoever forgot to say so.
 */
public interface VideoWaits {

    /**
     * Every video of these tenants that is {@code QUEUED} now waits for {@code waiting}'s reason. A video already waiting
     * for the same reason keeps its {@code since}; the detail is the newest.
     */
    void markQueued(RendererAccount account, Collection<TenantId> tenants, VideoWaiting waiting);

    /** This video waits in {@code status}; as {@link #markQueued}, the same reason keeps its {@code since}. */
    void mark(RendererAccount account, VideoId video, VideoStatus status, VideoWaiting waiting);

    /** The account answers again: none of its videos waiting in {@code status} waits any more. */
    void clear(RendererAccount account, VideoStatus status);

    /** The reasons these videos of this tenant wait for now; a video that does not wait is absent. */
    Map<VideoId, VideoWaiting> current(TenantId tenant, Collection<VideoId> videos);
}
