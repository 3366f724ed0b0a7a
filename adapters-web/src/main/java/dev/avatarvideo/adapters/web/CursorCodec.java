package dev.avatarvideo.adapters.web;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.VideoId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Page cursors as opaque strings: callers only pass back what they were given. */
final class CursorCodec {

    private CursorCodec() {
    }

    static String encode(PageCursor cursor) {
        String plain = cursor.createdAt().getEpochSecond() + "." + cursor.createdAt().getNano() + "." + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\.", 3);
            return new PageCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), VideoId.parse(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "cursor is not one this service handed out; start again without it");
        }
    }
}
