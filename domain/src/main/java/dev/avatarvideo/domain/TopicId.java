package dev.avatarvideo.domain;

import java.util.Objects;
import java.util.UUID;

/** Our identity for a course topic (a lesson). */
public record TopicId(UUID value) {

    public TopicId {
        Objects.requireNonNull(value, "value");
    }

    public static TopicId newId() {
        return new TopicId(UUID.randomUUID());
    }

    public static TopicId parse(String text) {
        try {
            return new TopicId(UUID.fromString(Require.notBlank("id", text)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "id must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
