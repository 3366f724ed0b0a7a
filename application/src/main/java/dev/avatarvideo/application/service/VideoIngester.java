package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.IngestRenderedVideo;
import dev.avatarvideo.application.port.out.Clock;
import dev.avatarvideo.application.port.out.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.FileStorage;
import dev.avatarvideo.application.port.out.FileStorage.FileUpload;
import dev.avatarvideo.application.port.out.Transactions;
import dev.avatarvideo.application.port.out.VideoRenderer;
import dev.avatarvideo.application.port.out.VideoRenderer.DownloadLink;
import dev.avatarvideo.application.port.out.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.VideoRenderer.RenderedVideo;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Copies a rendered video into our storage and records it, in that order, and undoes the copy when the record cannot
 * be saved: no READY video without its file, no file without its video.
 *
 * <p>The download address always comes from a fresh status call, never from an earlier answer or a webhook body: the
 * renderer's addresses expire, and a fresh one is cheap.
 */
public final class VideoIngester implements IngestRenderedVideo {

    private static final Logger LOG = System.getLogger(VideoIngester.class.getName());

    private final Videos videos;
    private final VideoRenderer renderer;
    private final FileStorage storage;
    private final Transactions transactions;
    private final Clock clock;
    private final int maxAttempts;
    private final int batchSize;

    public VideoIngester(Videos videos, VideoRenderer renderer, FileStorage storage, Transactions transactions,
                         Clock clock, int maxAttempts, int batchSize) {
        this.videos = videos;
        this.renderer = renderer;
        this.storage = storage;
        this.transactions = transactions;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.batchSize = batchSize;
    }

    @Override
    public int ingestPending() {
        int changed = 0;
        for (AvatarVideo video : videos.inStatus(VideoStatus.INGESTING, batchSize)) {
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
            stored = storage.store(key, new FileUpload(download.content(), download.length(), fileName, download.contentType()));
        } catch (RuntimeException e) {
            deleteQuietly(key);
            return recordFailedAttempt(video, e);
        }
        try {
            transactions.inTransaction(() -> {
                AvatarVideo current = videos.findById(video.id()).orElseThrow(
                        () -> new IllegalStateException("video " + video.id() + " disappeared during ingest"));
                videos.update(current.markReady(stored, clock.now()));
            });
        } catch (RuntimeException e) {
            deleteQuietly(key);
            LOG.log(Level.WARNING, "video " + video.id() + ": saving the ingested file failed; removed the copy, will retry", e);
            return false;
        }
        LOG.log(Level.INFO, "video {0} READY: {1} bytes at {2}", video.id(), stored.fileSize(), stored.storagePath());
        return true;
    }

    private boolean recordFailedAttempt(AvatarVideo video, RuntimeException cause) {
        AvatarVideo counted = video.ingestAttemptFailed(clock.now());
        if (counted.ingestAttempts() >= maxAttempts) {
            videos.update(counted.fail(new VideoFailure("ingest_failed", "copying the rendered video into storage failed "
                    + counted.ingestAttempts() + " times; last error: " + cause.getMessage()), clock.now()));
            LOG.log(Level.ERROR, "video {0} failed: ingest gave up after {1} attempts", video.id(), counted.ingestAttempts());
            return true;
        }
        videos.update(counted);
        LOG.log(Level.WARNING, "video {0}: ingest attempt {1} failed ({2}); will retry", video.id(), counted.ingestAttempts(), cause.getMessage());
        return false;
    }

    private void deleteQuietly(StorageKey key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not remove " + key + " after a failed save; it is now an orphan", e);
        }
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
