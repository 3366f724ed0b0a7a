package dev.avatarvideo.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a READY video keeps besides its video file: the caption track in SRT and in WebVTT, the poster shown before
 * play, the animated preview for lists, and the media facts read from the stored video. Each stored part carries the
 * same complete metadata as the video. Videos stored before parts were kept have {@link #NONE}.
 */
public record LessonParts(Optional<StoredFile> captionsSrt, Optional<StoredFile> captionsVtt, Optional<StoredFile> poster,
                          Optional<StoredFile> preview, Optional<MediaFacts> media) {

    public static final LessonParts NONE = new LessonParts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public LessonParts {
        Objects.requireNonNull(captionsSrt, "captionsSrt");
        Objects.requireNonNull(captionsVtt, "captionsVtt");
        Objects.requireNonNull(poster, "poster");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(media, "media");
        if (captionsSrt.isPresent() != captionsVtt.isPresent()) {
            throw new IllegalStateException("a caption track is kept in SRT and WebVTT together, never one alone");
        }
    }

    /** Every stored part, captions first, then poster and preview. */
    public List<StoredFile> files() {
        List<StoredFile> files = new ArrayList<>(4);
        captionsSrt.ifPresent(files::add);
        captionsVtt.ifPresent(files::add);
        poster.ifPresent(files::add);
        preview.ifPresent(files::add);
        return List.copyOf(files);
    }

    public List<StorageKey> keys() {
        return files().stream().map(StoredFile::storagePath).toList();
    }

    /** The same parts with addresses freshly issued; addresses into private storage expire. */
    public LessonParts withFileUrls(Function<StoredFile, URI> freshUrl) {
        Function<StoredFile, StoredFile> fresh = file -> file.withFileUrl(freshUrl.apply(file));
        return new LessonParts(captionsSrt.map(fresh), captionsVtt.map(fresh), poster.map(fresh), preview.map(fresh), media);
    }

    /** Every part stored under the tenant, as every file of the tenant's video must be. */
    void requireStoredUnder(TenantId tenant) {
        for (StoredFile file : files()) {
            if (!file.storagePath().tenant().equals(tenant)) {
                throw new IllegalArgumentException("part " + file.storagePath() + " is not stored under tenant " + tenant);
            }
        }
    }
}
