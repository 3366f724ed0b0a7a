package dev.avatarvideo.application.port.in;

/** Page through a tenant's videos, newest first. */
public interface ListAvatarVideos {

    VideoPage list(ListAvatarVideosQuery query);
}
