package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.AvatarVideo;

/** Accept a request for an avatar video; the video is queued at once and rendered in the background. */
public interface GenerateAvatarVideo {

    AvatarVideo generate(GenerateAvatarVideoCommand command);
}
