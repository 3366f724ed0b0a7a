package dev.avatarvideo.client;

import java.util.List;
import java.util.Optional;

/** A page of videos, newest first; {@code nextCursor} fetches the next page. */
public record VideoPage(List<Video> items, String nextCursor) {

    public VideoPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
