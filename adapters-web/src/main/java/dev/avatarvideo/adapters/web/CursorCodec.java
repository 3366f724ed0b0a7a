package dev.avatarvideo.adapters.web;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.TopicCursor;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.VideoId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BiFunction;

/** Page cursors as opaque strings: callers only pass back what they were given. */
final class CursorCodec {

    private CursorCodec() {
    }

    static String encode(PageCursor cursor) {
        return encode(cursor.createdAt(), cursor.id().toString());
    }

    static PageCursor decode(String text) {
        return decode(text, (createdAt, id) -> new PageCursor(createdAt, VideoId.parse(id)));
    }

    static String encodeTopic(TopicCursor cursor) {
        return encode(cursor.createdAt(), cursor.id().toString());
    }

    static TopicCursor decodeTopic(String text) {
        return decode(text, (createdAt, id) -> new TopicCursor(createdAt, TopicId.parse(id)));
    }

    private static String encode(Instant createdAt, String id) {
        String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T decode(String text, BiFunction<Instant, String, T> cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\.", 3);
            return cursor.apply(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "cursor is not one this service handed out; start again without it");
        }
    }
}
