package dev.avatarvideo.application.port.in.topic;

/** Page through a tenant's topics, newest first. */
public interface ListTopics {

    TopicViewPage list(ListTopicsQuery query);
}
