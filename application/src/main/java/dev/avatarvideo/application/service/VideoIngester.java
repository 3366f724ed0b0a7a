package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.IngestRenderedVideo;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.application.port.out.runtime.RetryBackoff;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.DownloadLink;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedVideo;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.IngestRetry;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Copies a rendered video into our storage and records it, in that order, through {@link CrashSafeStorage}: no READY
 * video without its file, no file without its video, not even across a crash. Each video is claimed first, so of
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
    private final CrashSafeStorage files;
    private final Clock clock;
    private final RetryBackoff backoff;
    private final int batchSize;

    public VideoIngester(Videos videos, IngestQueue queue, RendererAccess access, Transactions transactions, CrashSafeStorage files,
                         Clock clock, RetryBackoff backoff, int batchSize) {
        this.videos = videos;
        this.queue = queue;
        this.access = access;
        this.transitions = new RenderTransitions(videos, transactions, clock);
        this.files = files;
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
            case RenderStatus.Completed(Optional<DownloadLink> link) when link.isPresent() -> {
                AvatarVideo ingesting = video.status() == VideoStatus.RENDERING ? transitions.rendered(video, "as its renderer event said") : video;
                boolean ready = copyAndRecord(renderer, ingesting, link.get());
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
    private boolean copyAndRecord(AccountRenderer renderer, AvatarVideo video, DownloadLink link) {
        String fileName = downloadName(video);
        StorageKey key = StorageKey.newFor(video.tenantId(), fileName);
        StoredFile stored;
        try (RenderedVideo download = renderer.download(link)) {
            stored = files.upload(key, new FileUpload(download.content(), download.length(), fileName, download.contentType()));
        } catch (RuntimeException e) {
            retryLater(video, link, e);
            return false;
        }
        try {
            files.saveClaiming(List.of(key), () -> {
                AvatarVideo current = videos.findById(video.id()).orElseThrow(
                        () -> new IllegalStateException("video " + video.id() + " disappeared during ingest"));
                return videos.update(current.markReady(stored, clock.now()));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "video " + video.id() + ": saving the ingested file failed; removed the copy, will retry", e);
            return false;
        }
        LOG.log(Level.INFO, "video {0} READY: {1} bytes at {2}", video.id(), stored.fileSize(), stored.storagePath());
        return true;
    }

    /**
     * Keeps the video playable from the renderer's address and schedules the next attempt. The address and its expiry
     * are the ones shown since the first failure: the retries must succeed before the address callers were given dies.
     */
    private void retryLater(AvatarVideo video, DownloadLink link, RuntimeException cause) {
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

    /** A readable download name from the title; the storage key never depends on it. */
    static String downloadName(AvatarVideo video) {
        String base = video.title() == null ? "avatar-video-" + video.id() : video.title();
        String ascii = Normalizer.normalize(base, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            slug = "avatar-video-" + video.id();
        }
        return (slug.length() > 120 ? slug.substring(0, 120) : slug) + ".mp4";
    }
}
