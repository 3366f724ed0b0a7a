package dev.avatarvideo.domain;

import java.util.Objects;

/** One piece of a topic, in the order a learner meets it: a passage of text, one of our avatar videos, or a file. */
public sealed interface TopicContent {

    /** A passage of text. */
    record Text(String text) implements TopicContent {

        public static final int MAX_LENGTH = 50_000;

        public Text {
            Require.notBlank("text", text);
            Require.maxLength("text", text, MAX_LENGTH);
        }
    }

    /**
     * One of our avatar videos, by reference: the video is its own resource (it may be requested for this topic and
     * still be rendering), so deleting the topic leaves it alone.
     */
    record Video(VideoId videoId) implements TopicContent {

        public Video {
            Require.present("videoId", videoId);
        }
    }

    /** A file uploaded with the topic and owned by it alone: deleting the topic purges it. */
    record Attachment(StoredFile file) implements TopicContent {

        public Attachment {
            Objects.requireNonNull(file, "file");
        }
    }
}
