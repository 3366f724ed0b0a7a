package dev.avatarvideo.application.port.in.topic;

/**
 * Save a new topic with its contents: files are uploaded, requested videos queued and everything recorded together,
 * or nothing is left behind at all — no object in storage, no record, not even after a crash.
 */
public interface SaveTopic {

    TopicView save(SaveTopicCommand command);
}
