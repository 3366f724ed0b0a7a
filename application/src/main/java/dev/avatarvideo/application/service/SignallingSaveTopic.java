package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.topic.SaveTopic;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand;
import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.out.runtime.WorkSignals;

/** The videos a new topic requests are submitted at once rather than at the submitter's next look. */
public final class SignallingSaveTopic implements SaveTopic {

    private final SaveTopic save;
    private final WorkSignals signals;

    public SignallingSaveTopic(SaveTopic save, WorkSignals signals) {
        this.save = save;
        this.signals = signals;
    }

    @Override
    public TopicView save(SaveTopicCommand command) {
        TopicView topic = save.save(command);
        signals.videoQueued();
        return topic;
    }
}
