package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.VideoPage;

/** Page through a tenant's videos, newest first. */
public interface ListAvatarVideos {

    VideoPage list(ListAvatarVideosQuery query);
}
