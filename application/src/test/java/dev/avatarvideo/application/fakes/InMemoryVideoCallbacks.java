package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.video.VideoCallbacks;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link VideoCallbacks} in a map. */
public final class InMemoryVideoCallbacks implements VideoCallbacks, RollbackTransactions.Participant {

    private final Map<VideoId, NotificationUrl> byVideo = new ConcurrentHashMap<>();

    @Override
    public void register(TenantId tenantId, VideoId videoId, NotificationUrl url) {
        if (byVideo.putIfAbsent(videoId, url) != null) {
            throw new IllegalStateException("video " + videoId + " already has a callback");
        }
    }

    public Optional<NotificationUrl> of(VideoId videoId) {
        return Optional.ofNullable(byVideo.get(videoId));
    }

    @Override
    public Runnable snapshot() {
        Map<VideoId, NotificationUrl> copy = Map.copyOf(byVideo);
        return () -> {
            byVideo.clear();
            byVideo.putAll(copy);
        };
    }
}
