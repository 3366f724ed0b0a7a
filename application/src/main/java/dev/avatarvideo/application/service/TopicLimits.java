package dev.avatarvideo.application.service;

import dev.avatarvideo.domain.Topic;

/**
 * What this installation accepts in one topic.
 *
 * @param maxContents at most {@link Topic#MAX_CONTENTS}
 * @param maxFileBytes the largest file a topic may hold
 */
public record TopicLimits(int maxContents, long maxFileBytes) {

    public TopicLimits {
        if (maxContents < 1 || maxContents > Topic.MAX_CONTENTS) {
            throw new IllegalArgumentException("maxContents must be from 1 to " + Topic.MAX_CONTENTS);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be positive");
        }
    }
}
