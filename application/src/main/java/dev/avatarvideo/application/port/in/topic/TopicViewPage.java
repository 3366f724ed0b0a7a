package dev.avatarvideo.application.port.in.topic;

import dev.avatarvideo.domain.TopicCursor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of topics as readers see them and, when more exist, the cursor for the next page. */
public record TopicViewPage(List<TopicView> topics, Optional<TopicCursor> next) {

    public TopicViewPage {
        topics = List.copyOf(topics);
        Objects.requireNonNull(next, "next");
    }
}
