package dev.avatarvideo.domain;

import java.time.Instant;
import java.util.Objects;

/** Position after the last topic of a page: creation time, then id. Keyset-based, so pages stay stable. */
public record TopicCursor(Instant createdAt, TopicId id) {

    public TopicCursor {
        TimeBounds.require("cursor", Objects.requireNonNull(createdAt, "createdAt"));
        Objects.requireNonNull(id, "id");
    }

    public static TopicCursor after(Topic topic) {
        return new TopicCursor(topic.createdAt(), topic.id());
    }
}
