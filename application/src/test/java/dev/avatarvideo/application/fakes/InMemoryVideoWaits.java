package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.video.VideoWaits;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.VideoWaiting;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link VideoWaits} in a map, reading the videos' statuses from an {@link InMemoryVideos}. */
public final class InMemoryVideoWaits implements VideoWaits {

    private record Wait(RendererAccount account, VideoStatus status, VideoWaiting waiting) {
    }

    private final InMemoryVideos videos;
    private final Map<VideoId, Wait> waits = new LinkedHashMap<>();

    public InMemoryVideoWaits(InMemoryVideos videos) {
        this.videos = videos;
    }

    @Override
    public synchronized void markQueued(RendererAccount account, Collection<TenantId> tenants, VideoWaiting waiting) {
        videos.all().stream()
                .filter(video -> video.status() == VideoStatus.QUEUED && tenants.contains(video.tenantId()))
                .forEach(video -> mark(account, video.id(), VideoStatus.QUEUED, waiting));
    }

    @Override
    public synchronized void mark(RendererAccount account, VideoId video, VideoStatus status, VideoWaiting waiting) {
        Wait before = waits.get(video);
        boolean same = before != null && before.status() == status && before.waiting().reason() == waiting.reason();
        waits.put(video, new Wait(account, status, same
                ? new VideoWaiting(waiting.reason(), waiting.detail(), before.waiting().since()) : waiting));
    }

    @Override
    public synchronized void clear(RendererAccount account, VideoStatus status) {
        waits.values().removeIf(wait -> wait.account().equals(account) && wait.status() == status);
    }

    @Override
    public synchronized Map<VideoId, VideoWaiting> current(TenantId tenant, Collection<VideoId> ids) {
        Map<VideoId, VideoWaiting> current = new LinkedHashMap<>();
        for (VideoId id : ids) {
            Wait wait = waits.get(id);
            Optional<AvatarVideo> video = videos.find(tenant, id);
            if (wait != null && video.isPresent() && video.get().status() == wait.status()) {
                current.put(id, wait.waiting());
            }
        }
        return current;
    }
}
