package dev.avatarvideo.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Position after the last video of a page: creation time, then id. Keyset-based, so pages stay stable while new
 * videos arrive.
 */
public record PageCursor(Instant createdAt, VideoId id) {

    public PageCursor {
        TimeBounds.require("cursor", Objects.requireNonNull(createdAt, "createdAt"));
        Objects.requireNonNull(id, "id");
    }

    public static PageCursor after(AvatarVideo video) {
        return new PageCursor(video.createdAt(), video.id());
    }
}
