package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.TrackRenders;
import dev.avatarvideo.application.port.out.Clock;
import dev.avatarvideo.application.port.out.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.VideoRenderer;
import dev.avatarvideo.application.port.out.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Polls the renderer for every rendering video, a whole batch per call, and never past the render deadline. When the
 * renderer cannot answer (rate limited, unavailable, refusing our key) the round stops there: the next batches would
 * only hear the same, and after a rate limit no round starts before the renderer's wait is over.
 */
public final class RenderTracker implements TrackRenders {

    private static final Logger LOG = System.getLogger(RenderTracker.class.getName());

    private final Videos videos;
    private final VideoRenderer renderer;
    private final Clock clock;
    private final TrackingPolicy policy;
    private final int maxVideosPerRound;
    private volatile Instant pausedUntil = Instant.MIN;

    public RenderTracker(Videos videos, VideoRenderer renderer, Clock clock, TrackingPolicy policy, int maxVideosPerRound) {
        this.videos = videos;
        this.renderer = renderer;
        this.clock = clock;
        this.policy = policy;
        this.maxVideosPerRound = maxVideosPerRound;
    }

    @Override
    public int trackOnce() {
        if (clock.now().isBefore(pausedUntil)) {
            return 0;
        }
        List<AvatarVideo> rendering = videos.inStatus(VideoStatus.RENDERING, maxVideosPerRound);
        int batch = renderer.statusBatchLimit();
        int changed = 0;
        for (int from = 0; from < rendering.size(); from += batch) {
            List<AvatarVideo> slice = rendering.subList(from, Math.min(from + batch, rendering.size()));
            Map<RenderId, RenderStatus> statuses = renderer.statuses(slice.stream().map(AvatarVideo::renderId).toList());
            boolean rendererUnwell = false;
            for (AvatarVideo video : slice) {
                RenderStatus status = statuses.getOrDefault(video.renderId(), new RenderStatus.Unavailable("no status returned"));
                rendererUnwell |= noteUnwell(status);
                try {
                    if (apply(video, status)) {
                        changed++;
                    }
                } catch (ConcurrentUpdateException e) {
                    LOG.log(Level.DEBUG, "video {0} changed elsewhere while tracking", video.id());
                }
            }
            if (rendererUnwell) {
                return changed;
            }
        }
        return changed;
    }

    /** True when the answer says nothing about the render but something about the renderer. */
    private boolean noteUnwell(RenderStatus status) {
        switch (status) {
            case RenderStatus.RateLimited limited -> {
                pausedUntil = clock.now().plus(limited.after());
                LOG.log(Level.INFO, "renderer asks to wait {0} before the next status round", limited.after());
                return true;
            }
            case RenderStatus.KeyRejected rejected -> {
                LOG.log(Level.ERROR, "renderer refuses this service''s API key while tracking renders: {0}", rejected.message());
                return true;
            }
            case RenderStatus.Unavailable unavailable -> {
                LOG.log(Level.INFO, "renderer unavailable while tracking renders: {0}", unavailable.reason());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean apply(AvatarVideo video, RenderStatus status) {
        Instant now = clock.now();
        // updatedAt of a RENDERING video is the moment it was submitted: nothing else changes it while rendering.
        Instant submittedAt = video.updatedAt();
        switch (status) {
            case RenderStatus.Completed completed -> {
                videos.update(video.startIngesting(now));
                LOG.log(Level.INFO, "video {0} rendered; ingesting", video.id());
                return true;
            }
            case RenderStatus.Failed failed -> {
                videos.update(video.fail(failed.reason(), now));
                LOG.log(Level.WARNING, "video {0} failed to render: {1}", video.id(), failed.reason());
                return true;
            }
            case RenderStatus.NotFound notFound when now.isAfter(submittedAt.plus(policy.notFoundGrace())) -> {
                videos.update(video.fail(new VideoFailure("render_not_found",
                        "the renderer no longer knows render " + video.renderId() + " (not found for longer than "
                                + policy.notFoundGrace() + " after submission)"), now));
                return true;
            }
            default -> {
                if (now.isAfter(submittedAt.plus(policy.renderDeadline()))) {
                    videos.update(video.fail(new VideoFailure("render_deadline_exceeded",
                            "rendering took longer than " + policy.renderDeadline() + "; giving up on render " + video.renderId()), now));
                    return true;
                }
                return false;
            }
        }
    }
}
