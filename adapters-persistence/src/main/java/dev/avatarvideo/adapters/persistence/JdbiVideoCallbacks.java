package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.video.VideoCallbacks;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import org.jdbi.v3.core.Jdbi;

/** {@code video_callbacks}: the trigger on {@code avatar_videos} queues a delivery there for each later status change. */
final class JdbiVideoCallbacks implements VideoCallbacks {

    private final Jdbi jdbi;

    JdbiVideoCallbacks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void register(TenantId tenantId, VideoId videoId, NotificationUrl url) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO video_callbacks (video_id, tenant_id, url) VALUES (:videoId, :tenantId, :url)")
                .bind("videoId", videoId.value())
                .bind("tenantId", tenantId.value())
                .bind("url", url.toString())
                .execute());
    }
}
