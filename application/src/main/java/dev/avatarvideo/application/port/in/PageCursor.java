package dev.avatarvideo.application.port.in;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.VideoId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Position after the last video of a page. Keyset-based (creation time, then id), so pages stay stable while new
 * videos arrive, and opaque to callers, who only pass it back.
 */
public record PageCursor(Instant createdAt, VideoId id) {

    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\.", 3);
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new PageCursor(createdAt, VideoId.parse(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "cursor is not one this service handed out; start again without it");
        }
    }
}
