package dev.avatarvideo.application.port.in.topic;

import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.TopicId;

/**
 * Delete a topic and purge the files only it owns. The videos it shows are resources of their own and stay.
 */
public interface DeleteTopic {

    /** Answers whether the tenant had such a topic. */
    boolean delete(TenantId tenantId, TopicId topicId);
}
