package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.topic.GetTopic;
import dev.avatarvideo.application.port.in.topic.ListTopics;
import dev.avatarvideo.application.port.in.topic.ListTopicsQuery;
import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.in.topic.TopicViewPage;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.TopicPage;
import java.util.Optional;

/** Reads topics for callers, with their videos' current state and fresh file addresses. */
public final class TopicQueries implements GetTopic, ListTopics {

    private final Topics topics;
    private final TopicViews views;

    public TopicQueries(Topics topics, Videos videos, FileStorage storage) {
        this.topics = topics;
        this.views = new TopicViews(videos, storage);
    }

    @Override
    public Optional<TopicView> get(TenantId tenantId, TopicId topicId) {
        return topics.find(tenantId, topicId).map(views::of);
    }

    @Override
    public TopicViewPage list(ListTopicsQuery query) {
        TopicPage page = topics.list(query.tenantId(), query.limit(), query.after());
        return new TopicViewPage(views.of(page.topics()), page.next());
    }
}
