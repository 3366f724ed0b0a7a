package dev.avatarvideo.domain;

import java.util.Objects;
import java.util.UUID;

/** Our identity for an avatar video; HeyGen's job id is a separate {@link RenderId}. */
public record VideoId(UUID value) {

    public VideoId {
        Objects.requireNonNull(value, "value");
    }

    public static VideoId newId() {
        return new VideoId(UUID.randomUUID());
    }

    public static VideoId parse(String text) {
        try {
            return new VideoId(UUID.fromString(Require.notBlank("id", text)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "id must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
