package dev.avatarvideo.application.port.out.topic;

import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicCursor;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.TopicPage;
import java.util.Optional;

/**
 * The course topics we keep, each with its contents and the metadata of the files attached to it. Every read is
 * scoped to a tenant: another tenant's topic is simply not found.
 */
public interface Topics {

    /** Saves a new topic with its contents and its attached files' records. */
    void add(Topic topic);

    /**
     * Saves a changed topic and answers it with its new version. Records of files the topic no longer holds are
     * removed with it (the caller arranges for their objects to be purged).
     *
     * @throws ConcurrentUpdateException when the stored version is no longer the one the change was made from
     */
    Topic update(Topic topic);

    /**
     * Removes a topic, its contents and the records of its attached files.
     *
     * @throws ConcurrentUpdateException when the stored version is no longer the one that was read
     */
    void delete(Topic topic);

    Optional<Topic> find(TenantId tenantId, TopicId topicId);

    /** Up to {@code limit} of a tenant's topics, newest first, after the cursor when one is given. */
    TopicPage list(TenantId tenantId, int limit, Optional<TopicCursor> after);
}
