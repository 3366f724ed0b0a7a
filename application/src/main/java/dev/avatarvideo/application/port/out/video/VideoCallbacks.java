package dev.avatarvideo.application.port.out.video;

import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;

/**
 * The {@code callbackUrl} a single video request named. Every later status change of that video is queued for
 * delivery there in the transaction that makes the change.
 */
public interface VideoCallbacks {

    void register(TenantId tenantId, VideoId videoId, NotificationUrl url);
}
