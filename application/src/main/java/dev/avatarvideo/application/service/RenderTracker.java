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
 * Polls the renderer for every rendering video, a whole batch per call, and never past the render deadline.
 */
public final class RenderTracker implements TrackRenders {

    private static final Logger LOG = System.getLogger(RenderTracker.class.getName());

    private final Videos videos;
    private final VideoRenderer renderer;
    private final Clock clock;
    private final TrackingPolicy policy;
    private final int maxVideosPerRound;

    public RenderTracker(Videos videos, VideoRenderer renderer, Clock clock, TrackingPolicy policy, int maxVideosPerRound) {
        this.videos = videos;
        this.renderer = renderer;
        this.clock = clock;
        this.policy = policy;
        this.maxVideosPerRound = maxVideosPerRound;
    }

    @Override
    public int trackOnce() {
        List<AvatarVideo> rendering = videos.inStatus(VideoStatus.RENDERING, maxVideosPerRound);
        int batch = renderer.statusBatchLimit();
        int changed = 0;
        for (int from = 0; from < rendering.size(); from += batch) {
            List<AvatarVideo> slice = rendering.subList(from, Math.min(from + batch, rendering.size()));
            Map<RenderId, RenderStatus> statuses = renderer.statuses(slice.stream().map(AvatarVideo::renderId).toList());
            for (AvatarVideo video : slice) {
                RenderStatus status = statuses.getOrDefault(video.renderId(), new RenderStatus.Unavailable("no status returned"));
                try {
                    if (apply(video, status)) {
                        changed++;
                    }
                } catch (ConcurrentUpdateException e) {
                    LOG.log(Level.DEBUG, "video {0} changed elsewhere while tracking", video.id());
                }
            }
        }
        return changed;
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
