package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.SubmitQueuedVideos;
import dev.avatarvideo.application.port.out.Clock;
import dev.avatarvideo.application.port.out.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.VideoRenderer;
import dev.avatarvideo.application.port.out.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * Sends queued videos to the renderer, oldest first. When the renderer asks us to wait, the round ends and no round
 * starts before the wait is over: the rest of the queue would only hear the same answer, and hammering a
 * rate-limited API makes things worse.
 */
public final class RenderSubmitter implements SubmitQueuedVideos {

    private static final Logger LOG = System.getLogger(RenderSubmitter.class.getName());

    private final Videos videos;
    private final VideoRenderer renderer;
    private final Clock clock;
    private final int batchSize;
    private volatile Instant pausedUntil = Instant.MIN;

    public RenderSubmitter(Videos videos, VideoRenderer renderer, Clock clock, int batchSize) {
        this.videos = videos;
        this.renderer = renderer;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Override
    public int submitQueued() {
        if (clock.now().isBefore(pausedUntil)) {
            return 0;
        }
        int changed = 0;
        for (AvatarVideo video : videos.inStatus(VideoStatus.QUEUED, batchSize)) {
            SubmitOutcome outcome = renderer.submit(video);
            if (outcome instanceof SubmitOutcome.RetryLater later) {
                pausedUntil = clock.now().plus(later.after());
                LOG.log(Level.INFO, "renderer asks to wait {0} ({1}); {2} stays queued", later.after(), later.reason(), video.id());
                return changed;
            }
            try {
                record(video, outcome);
                changed++;
            } catch (ConcurrentUpdateException e) {
                // Another instance moved this video on; its render was deduplicated by the idempotency key.
                LOG.log(Level.DEBUG, "video {0} changed elsewhere while submitting", video.id());
            }
        }
        return changed;
    }

    private void record(AvatarVideo video, SubmitOutcome outcome) {
        VideoFailure failure = switch (outcome) {
            case SubmitOutcome.Accepted accepted -> {
                videos.update(video.startRendering(accepted.renderId(), clock.now()));
                LOG.log(Level.INFO, "video {0} submitted, render {1}", video.id(), accepted.renderId());
                yield null;
            }
            case SubmitOutcome.KeyRejected rejected -> new VideoFailure(VideoFailure.RENDERER_KEY_REJECTED,
                    "the renderer refused this service's API key: " + rejected.message());
            case SubmitOutcome.Invalid invalid -> new VideoFailure(VideoFailure.INVALID_REQUEST,
                    invalid.field().map(field -> field + ": ").orElse("") + invalid.message());
            case SubmitOutcome.InsufficientCredit credit -> new VideoFailure(VideoFailure.INSUFFICIENT_CREDIT, credit.message());
            case SubmitOutcome.Rejected rejected -> rejected.reason();
            case SubmitOutcome.RetryLater later -> throw new IllegalStateException("handled before: " + later);
        };
        if (failure != null) {
            videos.update(video.fail(failure, clock.now()));
            LOG.log(Level.WARNING, "video {0} refused by the renderer: {1}", video.id(), failure);
        }
    }
}
