package dev.avatarvideo.application.port.in.topic;

import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.TopicId;
import java.util.Optional;

/** Read one topic of a tenant with its videos' current state and freshly issued file addresses. */
public interface GetTopic {

    Optional<TopicView> get(TenantId tenantId, TopicId topicId);
}
