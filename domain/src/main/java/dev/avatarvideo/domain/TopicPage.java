package dev.avatarvideo.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of topics and, when more exist, the cursor for the next page. */
public record TopicPage(List<Topic> topics, Optional<TopicCursor> next) {

    public TopicPage {
        topics = List.copyOf(topics);
        Objects.requireNonNull(next, "next");
    }
}
