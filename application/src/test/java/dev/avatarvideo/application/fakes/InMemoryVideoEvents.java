package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.video.VideoEventNotifications;
import dev.avatarvideo.application.port.out.video.VideoEvents;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event log that {@link InMemoryVideos} appends to on every add and status change, and its wake-ups, delivered at
 * once on the appending thread (one at a time). Unlike the database it cannot hold a wake-up back until a
 * {@link RollbackTransactions} unit of work commits: an event rolled back is removed from the log, but a watcher may
 * have been handed it already. Tests of rollbacks use the real database.
 */
public final class InMemoryVideoEvents implements VideoEvents, VideoEventNotifications, RollbackTransactions.Participant {

    private final List<VideoEvent> log = new ArrayList<>();
    private final List<Runnable> wakeUps = new CopyOnWriteArrayList<>();
    private final Object waking = new Object();
    private long nextId = 1;

    void append(AvatarVideo video) {
        synchronized (this) {
            log.add(new VideoEvent(nextId++, video.id(), video.tenantId(), video.status(), video.failure(), video.file(), video.updatedAt(),
                    video.parts()));
        }
        synchronized (waking) {
            wakeUps.forEach(Runnable::run);
        }
    }

    @Override
    public synchronized List<VideoEvent> after(long afterId, int limit) {
        return log.stream().filter(e -> e.id() > afterId).limit(limit).toList();
    }

    @Override
    public synchronized List<VideoEvent> ofVideosAfter(TenantId tenantId, Collection<VideoId> videoIds, long afterId, int limit) {
        Set<VideoId> wanted = new HashSet<>(videoIds);
        return log.stream()
                .filter(e -> e.id() > afterId && e.tenantId().equals(tenantId) && wanted.contains(e.videoId()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<VideoEvent> latestOf(TenantId tenantId, Collection<VideoId> videoIds) {
        Set<VideoId> wanted = new HashSet<>(videoIds);
        Map<VideoId, VideoEvent> latest = new LinkedHashMap<>();
        log.stream().filter(e -> e.tenantId().equals(tenantId) && wanted.contains(e.videoId())).forEach(e -> latest.put(e.videoId(), e));
        return List.copyOf(latest.values());
    }

    @Override
    public synchronized long lastId() {
        return log.isEmpty() ? 0 : log.getLast().id();
    }

    /** Every event, oldest first. */
    public synchronized List<VideoEvent> all() {
        return List.copyOf(log);
    }

    @Override
    public AutoCloseable onNewEvents(Runnable wakeUp) {
        synchronized (waking) {
            wakeUps.add(wakeUp);
            wakeUp.run();
        }
        return () -> wakeUps.remove(wakeUp);
    }

    /** Ids keep counting after a rollback, as a database sequence does. */
    @Override
    public synchronized Runnable snapshot() {
        List<VideoEvent> copy = List.copyOf(log);
        return () -> {
            synchronized (this) {
                log.clear();
                log.addAll(copy);
            }
        };
    }
}
