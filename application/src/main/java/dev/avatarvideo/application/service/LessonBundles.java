package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer.DownloadFailedException;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.DownloadLink;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedFiles;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedVideo;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.application.port.out.storage.MediaFactsReader;
import dev.avatarvideo.application.port.out.storage.MediaFactsReader.UnreadableMediaException;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Copies everything a finished render offers that the lesson keeps — the video (clean, or with captions burned in), the
 * caption track as SRT and as WebVTT, the poster and the animated preview — into storage, one part after another and
 * each streamed, and reads the stored video's media facts. All or nothing: every part goes through
 * {@link CrashSafeStorage}, so each has its ledger entry before its first byte is stored; when any part fails, every
 * part stored so far is removed at once, and a crash between parts leaves them all to the sweeper.
 */
public final class LessonBundles {

    private static final Logger LOG = System.getLogger(LessonBundles.class.getName());
    static final String SRT_TYPE = "application/x-subrip";
    static final String VTT_TYPE = "text/vtt";

    private final CrashSafeStorage files;
    private final FileStorage storage;
    private final MediaFactsReader mediaFacts;

    public LessonBundles(CrashSafeStorage files, FileStorage storage, MediaFactsReader mediaFacts) {
        this.files = files;
        this.storage = storage;
        this.mediaFacts = mediaFacts;
    }

    /** A lesson's parts in storage, not yet recorded. */
    public record StoredBundle(StoredFile video, LessonParts parts) {

        public List<StorageKey> keys() {
            List<StorageKey> keys = new ArrayList<>(parts.keys());
            keys.addFirst(video.storagePath());
            return List.copyOf(keys);
        }
    }

    /** The link of the file that becomes the lesson's video: the captioned copy when captions are burned in. */
    private static DownloadLink videoLink(AvatarVideo video, RenderedFiles offered) {
        return video.captions().burnsIn() ? required(offered.captionedVideo(), "the copy with captions burned in") : offered.video();
    }

    /**
     * Stores every part the video's caption choice and the render call for. A part that was asked for and not offered
     * fails the copy like a failed download, so it is tried again rather than stored without it.
     *
     * @throws RuntimeException whatever failed; nothing of the bundle is left in storage then (or, after a crash, only
     *                          what the sweeper removes)
     */
    public StoredBundle copy(AccountRenderer renderer, AvatarVideo video, RenderedFiles offered) {
        String name = slug(video);
        // What the choice needs is looked for before the first byte moves: a missing caption file found after a
        // gigabyte of video would cost that gigabyte again on every attempt.
        DownloadLink videoLink = videoLink(video, offered);
        Optional<DownloadLink> track = video.captions().keepsTrack()
                ? Optional.of(required(offered.captions(), "the caption file")) : Optional.empty();
        List<StorageKey> stored = new ArrayList<>(5);
        try {
            StoredFile file = upload(video, stored, name + ".mp4", () -> renderer.download(videoLink), null);
            Optional<MediaFacts> facts = factsOf(video, file);
            Optional<StoredFile> srt = Optional.empty();
            Optional<StoredFile> vtt = Optional.empty();
            if (track.isPresent()) {
                DownloadLink captions = track.get();
                srt = Optional.of(upload(video, stored, name + ".srt", () -> renderer.download(captions), SRT_TYPE));
                vtt = Optional.of(webVttOf(video, stored, name + ".vtt", srt.get()));
            }
            Optional<StoredFile> poster = optional(video, stored, name + "-poster.jpg", renderer, offered.poster(), "image/jpeg");
            Optional<StoredFile> preview = optional(video, stored, name + "-preview.gif", renderer, offered.preview(), "image/gif");
            return new StoredBundle(file, new LessonParts(srt, vtt, poster, preview, facts));
        } catch (RuntimeException e) {
            stored.forEach(files::discardUnrecorded);
            throw e;
        }
    }

    /**
     * The renderer's address callers may play while the copy is retried: the same picture the lesson will keep, so
     * the copy with captions burned in when they are (the clean video only if the renderer offered no such copy).
     */
    public static DownloadLink playableMeanwhile(AvatarVideo video, RenderedFiles offered) {
        return video.captions().burnsIn() ? offered.captionedVideo().orElse(offered.video()) : offered.video();
    }

    /** Saves the records of a stored bundle through {@code saveRecords}, claiming every part; see {@link CrashSafeStorage#saveClaiming}. */
    public <T> T saveClaiming(StoredBundle bundle, Supplier<T> saveRecords) {
        return files.saveClaiming(bundle.keys(), saveRecords);
    }

    private StoredFile upload(AvatarVideo video, List<StorageKey> stored, String fileName, Supplier<RenderedVideo> download,
                              String typeWhenUnsaid) {
        StorageKey key = StorageKey.newFor(video.tenantId(), fileName);
        try (RenderedVideo content = download.get()) {
            String type = typeWhenUnsaid == null ? content.contentType() : typeOf(content.contentType(), typeWhenUnsaid);
            StoredFile file = files.upload(key, new FileUpload(content.content(), content.length(), fileName, type));
            stored.add(key);
            return file;
        }
    }

    private Optional<StoredFile> optional(AvatarVideo video, List<StorageKey> stored, String fileName, AccountRenderer renderer,
                                          Optional<DownloadLink> link, String expectedType) {
        if (link.isEmpty()) {
            LOG.log(Level.INFO, "video {0}: the renderer offered no {1}; the lesson is kept without it", video.id(), fileName);
            return Optional.empty();
        }
        return Optional.of(upload(video, stored, fileName, () -> renderer.download(link.get()), expectedType));
    }

    /**
     * The renderer's type for a picture when it names one (a poster may come as PNG), else the type the part is known
     * to have: caption files travel under generic types, and browsers need theirs exact.
     */
    private static String typeOf(String offeredType, String known) {
        return known.startsWith("image/") && offeredType != null && offeredType.startsWith("image/") ? offeredType : known;
    }

    /** WebVTT made from the SRT as stored, streamed from storage into storage. */
    private StoredFile webVttOf(AvatarVideo video, List<StorageKey> stored, String fileName, StoredFile srt) {
        StorageKey key = StorageKey.newFor(video.tenantId(), fileName);
        StoredObject source = storage.open(srt.storagePath()).orElseThrow(() -> new FileStorage.StorageFailureException(
                "the caption file " + srt.storagePath() + " vanished from storage right after it was stored"));
        try (source; SrtToWebVtt vtt = new SrtToWebVtt(source.content())) {
            StoredFile file = files.upload(key, new FileUpload(vtt, OptionalLong.empty(), fileName, VTT_TYPE));
            stored.add(key);
            return file;
        } catch (java.io.IOException e) {
            throw new FileStorage.StorageFailureException("could not close the caption file after converting it", e);
        }
    }

    /** The stored video's facts; a video they cannot be read from is kept without them, saying why. */
    private Optional<MediaFacts> factsOf(AvatarVideo video, StoredFile file) {
        try {
            Optional<MediaFacts> facts = mediaFacts.read(file.storagePath());
            if (facts.isEmpty()) {
                throw new FileStorage.StorageFailureException("the video " + file.storagePath() + " vanished from storage right after it was stored");
            }
            return facts;
        } catch (UnreadableMediaException e) {
            LOG.log(Level.WARNING, "video {0}: its media facts cannot be read ({1}); it is kept without them", video.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private static DownloadLink required(Optional<DownloadLink> link, String what) {
        return link.orElseThrow(() -> new DownloadFailedException("the renderer finished without " + what
                + " the video's captions ask for; asking again later"));
    }

    /** A readable file name from the title; storage keys never depend on it. */
    static String slug(AvatarVideo video) {
        String base = video.title() == null ? "avatar-video-" + video.id() : video.title();
        String ascii = java.text.Normalizer.normalize(base, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            slug = "avatar-video-" + video.id();
        }
        return slug.length() > 120 ? slug.substring(0, 120) : slug;
    }
}
