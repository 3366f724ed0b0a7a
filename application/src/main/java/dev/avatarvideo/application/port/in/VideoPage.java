package dev.avatarvideo.application.port.in;

import dev.avatarvideo.domain.AvatarVideo;
import java.util.List;
import java.util.Optional;

/** One page of videos and, when more exist, the cursor for the next page. */
public record VideoPage(List<AvatarVideo> videos, Optional<PageCursor> next) {

    public VideoPage {
        videos = List.copyOf(videos);
    }
}
