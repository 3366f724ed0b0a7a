package dev.avatarvideo.application.port.in.topic;

import dev.avatarvideo.domain.TopicId;
import java.util.Optional;

/**
 * Replace a topic's title, language and contents as one change. Files it no longer holds are purged; new files are
 * uploaded with the same guarantees as {@link SaveTopic}.
 */
public interface UpdateTopic {

    /**
     * The updated topic, or empty when the tenant has no topic with this id.
     *
     * @throws ConcurrentChangeException when someone else changed the topic meanwhile; nothing was saved
     */
    Optional<TopicView> update(TopicId topicId, SaveTopicCommand command);

    /** The topic changed while this change was being made; read it again and decide anew. */
    final class ConcurrentChangeException extends RuntimeException {

        public ConcurrentChangeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
