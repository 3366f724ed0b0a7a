package dev.avatarvideo.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of videos and, when more exist, the cursor for the next page. */
public record VideoPage(List<AvatarVideo> videos, Optional<PageCursor> next) {

    public VideoPage {
        videos = List.copyOf(videos);
        Objects.requireNonNull(next, "next");
    }
}
