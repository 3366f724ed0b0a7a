package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.GenerateAvatarVideo;
import dev.avatarvideo.application.port.in.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.out.Clock;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoId;

/** Queues the video and returns at once; talking to the renderer is the background submitter's job. */
public final class GenerateAvatarVideoService implements GenerateAvatarVideo {

    private final Videos videos;
    private final Clock clock;

    public GenerateAvatarVideoService(Videos videos, Clock clock) {
        this.videos = videos;
        this.clock = clock;
    }

    @Override
    public AvatarVideo generate(GenerateAvatarVideoCommand command) {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), command.tenantId(), command.title(), command.scenes(),
                command.resolution(), command.aspectRatio(), command.captions(), clock.now());
        videos.add(video);
        return video;
    }
}
