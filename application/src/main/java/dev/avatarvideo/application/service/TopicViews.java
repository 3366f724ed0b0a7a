package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.VideoId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Topics as readers see them: their videos looked up in one query, every file address issued fresh. */
final class TopicViews {

    private final Videos videos;
    private final FileStorage storage;

    TopicViews(Videos videos, FileStorage storage) {
        this.videos = videos;
        this.storage = storage;
    }

    TopicView of(Topic topic) {
        return of(List.of(topic)).getFirst();
    }

    /** Views of topics of one tenant. */
    List<TopicView> of(List<Topic> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Set<VideoId> ids = new LinkedHashSet<>();
        topics.forEach(t -> ids.addAll(t.videoIds()));
        Map<VideoId, AvatarVideo> shown = ids.isEmpty() ? Map.of() : videos.findAll(topics.getFirst().tenantId(), ids).stream()
                .map(v -> v.withFileUrls(storage::accessUrl))
                .collect(Collectors.toMap(AvatarVideo::id, Function.identity()));
        return topics.stream()
                .map(t -> new TopicView(t.withFileUrls(storage::accessUrl), shown.entrySet().stream()
                        .filter(e -> t.videoIds().contains(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
                .toList();
    }
}
