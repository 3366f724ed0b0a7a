package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.GetTopic;
import dev.avatarvideo.application.port.in.ListTopics;
import dev.avatarvideo.application.port.in.ListTopicsQuery;
import dev.avatarvideo.application.port.in.TopicView;
import dev.avatarvideo.application.port.in.TopicViewPage;
import dev.avatarvideo.application.port.out.FileStorage;
import dev.avatarvideo.application.port.out.Topics;
import dev.avatarvideo.application.port.out.Videos;
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
