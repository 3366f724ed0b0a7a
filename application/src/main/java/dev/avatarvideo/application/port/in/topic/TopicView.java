package dev.avatarvideo.application.port.in.topic;

import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A topic as its readers see it: with the current state of every video it shows (one it requested may still be
 * rendering) and freshly issued file addresses.
 */
public record TopicView(Topic topic, Map<VideoId, AvatarVideo> videos) {

    /** Whether the topic can be shown in full yet. */
    public enum Readiness {
        /** Every video it shows is READY. */
        READY,
        /** At least one video is still being made, and none has failed. */
        WAITING_FOR_VIDEOS,
        /** At least one video failed; the topic needs another video for that place. */
        VIDEO_FAILED
    }

    public TopicView {
        Objects.requireNonNull(topic, "topic");
        videos = Map.copyOf(videos);
    }

    public Optional<AvatarVideo> video(VideoId id) {
        return Optional.ofNullable(videos.get(id));
    }

    public Readiness readiness() {
        boolean waiting = false;
        for (VideoId id : topic.videoIds()) {
            AvatarVideo video = videos.get(id);
            if (video == null || video.status() == VideoStatus.FAILED) {
                return Readiness.VIDEO_FAILED;
            }
            waiting |= video.status() != VideoStatus.READY;
        }
        return waiting ? Readiness.WAITING_FOR_VIDEOS : Readiness.READY;
    }
}
