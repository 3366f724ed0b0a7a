package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.SubmitQueuedVideos;
import dev.avatarvideo.application.port.out.Clock;
import dev.avatarvideo.application.port.out.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.VideoRenderer;
import dev.avatarvideo.application.port.out.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Sends queued videos to the renderer, oldest first. When the renderer asks us to wait, the round ends: the rest of
 * the queue would only hear the same answer, and hammering a rate-limited API makes things worse.
 */
public final class RenderSubmitter implements SubmitQueuedVideos {

    private static final Logger LOG = System.getLogger(RenderSubmitter.class.getName());

    private final Videos videos;
    private final VideoRenderer renderer;
    private final Clock clock;
    private final int batchSize;

    public RenderSubmitter(Videos videos, VideoRenderer renderer, Clock clock, int batchSize) {
        this.videos = videos;
        this.renderer = renderer;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Override
    public int submitQueued() {
        int changed = 0;
        for (AvatarVideo video : videos.inStatus(VideoStatus.QUEUED, batchSize)) {
            SubmitOutcome outcome = renderer.submit(video);
            try {
                switch (outcome) {
                    case SubmitOutcome.Accepted accepted -> {
                        videos.update(video.startRendering(accepted.renderId(), clock.now()));
                        LOG.log(Level.INFO, "video {0} submitted, render {1}", video.id(), accepted.renderId());
                        changed++;
                    }
                    case SubmitOutcome.Rejected rejected -> {
                        videos.update(video.fail(rejected.reason(), clock.now()));
                        LOG.log(Level.WARNING, "video {0} rejected by the renderer: {1}", video.id(), rejected.reason());
                        changed++;
                    }
                    case SubmitOutcome.RetryLater later -> {
                        LOG.log(Level.INFO, "renderer asks to wait {0} ({1}); {2} stays queued", later.after(), later.reason(), video.id());
                        return changed;
                    }
                }
            } catch (ConcurrentUpdateException e) {
                // Another instance moved this video on; its render was deduplicated by the idempotency key.
                LOG.log(Level.DEBUG, "video {0} changed elsewhere while submitting", video.id());
            }
        }
        return changed;
    }
}
