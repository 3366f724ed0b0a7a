package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.IngestRenderedVideo;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.application.port.out.runtime.RetryBackoff;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.DownloadLink;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedFiles;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.IngestRetry;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Copies a rendered video and the rest of its lesson into our storage and records them, in that order, through
 * {@link LessonBundles}: no READY video without every part, no part without its video, not even across a crash. Each video is claimed first, so of
 * several instances exactly one downloads it.
 *
 * <p>The download address always comes from a fresh status call, never from an earlier answer or a webhook body: the
 * renderer's addresses expire, and a fresh one is cheap. The same fresh call is how a renderer event is acted on: a
 * rendering video an event named is asked about, and ingested at once when the renderer says it is done.
 *
 * <p>When the copy fails, the video stays playable from the renderer's own address, marked temporary with its expiry,
 * and the copy is tried again after a back-off kept in the database (so a restart loses no schedule) until it
 * succeeds or that address expires; then the video fails, saying why.
 */
public final class VideoIngester implements IngestRenderedVideo {

    private static final Logger LOG = System.getLogger(VideoIngester.class.getName());
    /** How long to wait before asking again when the renderer could not say how a render is doing. */
    static final Duration RENDERER_UNAVAILABLE_PAUSE = Duration.ofSeconds(10);

    private final Videos videos;
    private final IngestQueue queue;
    private final RendererAccess access;
    private final RenderTransitions transitions;
    private final LessonBundles bundles;
    private final Clock clock;
    private final RetryBackoff backoff;
    private final int batchSize;

    public VideoIngester(Videos videos, IngestQueue queue, RendererAccess access, Transactions transactions, LessonBundles bundles,
                         Clock clock, RetryBackoff backoff, int batchSize) {
        this.videos = videos;
        this.queue = queue;
        this.access = access;
        this.transitions = new RenderTransitions(videos, transactions, clock);
        this.bundles = bundles;
        this.clock = clock;
        this.backoff = backoff;
        this.batchSize = batchSize;
    }

    @Override
    public int ingestPending() {
        int changed = 0;
        for (AvatarVideo video : queue.claimForIngest(clock.now(), batchSize)) {
            boolean settled = false;
            try {
                Outcome outcome = ingest(video);
                if (outcome == Outcome.ASK_AGAIN) {
                    queue.retryAt(video.id(), clock.now().plus(RENDERER_UNAVAILABLE_PAUSE));
                } else {
                    queue.finish(video.id());
                }
                settled = true;
                if (outcome == Outcome.CHANGED) {
                    changed++;
                }
            } catch (ConcurrentUpdateException e) {
                LOG.log(Level.DEBUG, "video {0} changed elsewhere while ingesting", video.id());
            } finally {
                if (!settled) {
                    finishQuietly(video);
                }
            }
        }
        return changed;
    }

    private enum Outcome {
        CHANGED, UNCHANGED, ASK_AGAIN
    }

    private Outcome ingest(AvatarVideo video) {
        Optional<IngestRetry> waiting = video.pendingIngestRetry();
        if (waiting.isPresent() && waiting.get().expiredAt(clock.now())) {
            giveUp(video, waiting.get());
            return Outcome.CHANGED;
        }
        // Asked on the account the render was submitted on: the tenant may have changed keys since, and only that account knows it.
        AccountRenderer renderer = access.forSubmitted(video);
        RenderStatus fresh = renderer.status(video.renderId());
        switch (fresh) {
            case RenderStatus.Completed(Optional<RenderedFiles> offered) when offered.isPresent() -> {
                AvatarVideo ingesting = video.status() == VideoStatus.RENDERING ? transitions.rendered(video, "as its renderer event said") : video;
                boolean ready = copyAndRecord(renderer, ingesting, offered.get());
                return ready || ingesting != video ? Outcome.CHANGED : Outcome.UNCHANGED;
            }
            case RenderStatus.Failed failed -> {
                transitions.failed(video, failed.reason());
                return Outcome.CHANGED;
            }
            default -> {
                boolean notDone = fresh instanceof RenderStatus.Pending || fresh instanceof RenderStatus.Processing
                        || fresh instanceof RenderStatus.NotFound;
                if (video.status() == VideoStatus.RENDERING && notDone) {
                    // An event announced a render the renderer does not call done: it came early, or was not about this
                    // render as we know it. Tracking goes on as scheduled.
                    LOG.log(Level.INFO, "video {0}: a renderer event named it, but the renderer answers {1}", video.id(), fresh);
                    return Outcome.UNCHANGED;
                }
                return askAgain(video, fresh);
            }
        }
    }

    private Outcome askAgain(AvatarVideo video, RenderStatus fresh) {
        LOG.log(Level.INFO, "video {0}: renderer answered {1} instead of completed; will ask again in {2}", video.id(), fresh,
                RENDERER_UNAVAILABLE_PAUSE);
        return Outcome.ASK_AGAIN;
    }

    private void finishQuietly(AvatarVideo video) {
        try {
            queue.finish(video.id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not give back the claim on video " + video.id() + "; it lapses by itself", e);
        }
    }

    /** Answers whether the video is READY now. */
    private boolean copyAndRecord(AccountRenderer renderer, AvatarVideo video, RenderedFiles offered) {
        LessonBundles.StoredBundle bundle;
        try {
            bundle = bundles.copy(renderer, video, offered);
        } catch (RuntimeException e) {
            retryLater(video, offered, e);
            return false;
        }
        try {
            bundles.saveClaiming(bundle, () -> {
                AvatarVideo current = videos.findById(video.id()).orElseThrow(
                        () -> new IllegalStateException("video " + video.id() + " disappeared during ingest"));
                return videos.update(current.markReady(bundle.video(), bundle.parts(), clock.now()));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "video " + video.id() + ": saving the ingested lesson failed; removed every part, will retry", e);
            return false;
        }
        LOG.log(Level.INFO, "video {0} READY: {1} bytes at {2}, with {3} more parts", video.id(), bundle.video().fileSize(),
                bundle.video().storagePath(), bundle.parts().files().size());
        return true;
    }

    /**
     * Keeps the video playable from the renderer's address and schedules the next attempt. The address and its expiry
     * are the ones shown since the first failure: the retries must succeed before the address callers were given dies.
     */
    private void retryLater(AvatarVideo video, RenderedFiles offered, RuntimeException cause) {
        DownloadLink link = LessonBundles.playableMeanwhile(video, offered);
        Instant now = clock.now();
        Optional<IngestRetry> previous = video.pendingIngestRetry();
        URI temporaryUrl = previous.map(IngestRetry::temporaryUrl).orElse(link.url());
        Instant temporaryUntil = previous.map(IngestRetry::temporaryUntil).orElse(link.expiresAt());
        Instant nextAttempt = now.plus(backoff.delayAfter(video.ingestAttempts() + 1));
        IngestRetry retry = new IngestRetry(temporaryUrl, temporaryUntil,
                nextAttempt.isBefore(temporaryUntil) ? nextAttempt : temporaryUntil, cause.getMessage());
        AvatarVideo waiting = video.ingestAttemptFailed(retry, now);
        if (retry.expiredAt(now)) {
            giveUp(waiting, retry);
            return;
        }
        videos.update(waiting);
        LOG.log(Level.WARNING, "video {0}: copying into storage failed (attempt {1}: {2}); playable from the renderer until {3}, next attempt at {4}",
                video.id(), waiting.ingestAttempts(), cause.getMessage(), temporaryUntil, retry.nextAttemptAt());
    }

    private void giveUp(AvatarVideo video, IngestRetry retry) {
        transitions.lost(video, new VideoFailure("ingest_expired", "the rendered video could not be copied into storage before"
                + " the renderer's address expired at " + retry.temporaryUntil() + " (" + video.ingestAttempts()
                + " attempts); last error: " + retry.lastError()));
    }
}
