package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.IngestRenderedVideo;
import dev.avatarvideo.application.port.out.Clock;
import dev.avatarvideo.application.port.out.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.FileStorage.FileUpload;
import dev.avatarvideo.application.port.out.RetryBackoff;
import dev.avatarvideo.application.port.out.VideoRenderer;
import dev.avatarvideo.application.port.out.VideoRenderer.DownloadLink;
import dev.avatarvideo.application.port.out.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.VideoRenderer.RenderedVideo;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.IngestRetry;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoFailure;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Copies a rendered video into our storage and records it, in that order, through {@link CrashSafeStorage}: no READY
 * video without its file, no file without its video, not even across a crash.
 *
 * <p>The download address always comes from a fresh status call, never from an earlier answer or a webhook body: the
 * renderer's addresses expire, and a fresh one is cheap.
 *
 * <p>When the copy fails, the video stays playable from the renderer's own address, marked temporary with its expiry,
 * and the copy is tried again after a back-off kept in the database (so a restart loses no schedule) until it
 * succeeds or that address expires; then the video fails, saying why.
 */
public final class VideoIngester implements IngestRenderedVideo {

    private static final Logger LOG = System.getLogger(VideoIngester.class.getName());

    private final Videos videos;
    private final VideoRenderer renderer;
    private final CrashSafeStorage files;
    private final Clock clock;
    private final RetryBackoff backoff;
    private final int batchSize;

    public VideoIngester(Videos videos, VideoRenderer renderer, CrashSafeStorage files, Clock clock, RetryBackoff backoff, int batchSize) {
        this.videos = videos;
        this.renderer = renderer;
        this.files = files;
        this.clock = clock;
        this.backoff = backoff;
        this.batchSize = batchSize;
    }

    @Override
    public int ingestPending() {
        int changed = 0;
        for (AvatarVideo video : videos.dueForIngest(clock.now(), batchSize)) {
            try {
                if (ingest(video)) {
                    changed++;
                }
            } catch (ConcurrentUpdateException e) {
                LOG.log(Level.DEBUG, "video {0} changed elsewhere while ingesting", video.id());
            }
        }
        return changed;
    }

    private boolean ingest(AvatarVideo video) {
        Optional<IngestRetry> waiting = video.pendingIngestRetry();
        if (waiting.isPresent() && waiting.get().expiredAt(clock.now())) {
            giveUp(video, waiting.get());
            return true;
        }
        RenderStatus fresh = renderer.status(video.renderId());
        switch (fresh) {
            case RenderStatus.Completed(Optional<DownloadLink> link) when link.isPresent() -> {
                return copyAndRecord(video, link.get());
            }
            case RenderStatus.Failed failed -> {
                videos.update(video.fail(failed.reason(), clock.now()));
                return true;
            }
            default -> {
                LOG.log(Level.INFO, "video {0}: renderer answered {1} instead of completed; will ask again", video.id(), fresh);
                return false;
            }
        }
    }

    private boolean copyAndRecord(AvatarVideo video, DownloadLink link) {
        String fileName = downloadName(video);
        StorageKey key = StorageKey.newFor(video.tenantId(), fileName);
        StoredFile stored;
        try (RenderedVideo download = renderer.download(link)) {
            stored = files.upload(key, new FileUpload(download.content(), download.length(), fileName, download.contentType()));
        } catch (RuntimeException e) {
            return retryLater(video, link, e);
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
    private boolean retryLater(AvatarVideo video, DownloadLink link, RuntimeException cause) {
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
            return true;
        }
        videos.update(waiting);
        LOG.log(Level.WARNING, "video {0}: copying into storage failed (attempt {1}: {2}); playable from the renderer until {3}, next attempt at {4}",
                video.id(), waiting.ingestAttempts(), cause.getMessage(), temporaryUntil, retry.nextAttemptAt());
        return false;
    }

    private void giveUp(AvatarVideo video, IngestRetry retry) {
        videos.update(video.fail(new VideoFailure("ingest_expired", "the rendered video could not be copied into storage before"
                + " the renderer's address expired at " + retry.temporaryUntil() + " (" + video.ingestAttempts()
                + " attempts); last error: " + retry.lastError()), clock.now()));
        LOG.log(Level.ERROR, "video {0} failed: its copy did not succeed before {1}", video.id(), retry.temporaryUntil());
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
