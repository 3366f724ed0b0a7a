package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.WatchVideoStatus;
import dev.avatarvideo.application.port.in.video.WatchVideoStatusQuery;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.video.VideoEventNotifications;
import dev.avatarvideo.application.port.out.video.VideoEvents;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Live status for this instance's watchers. One reader follows the event log (woken by {@link VideoEventNotifications}
 * whenever any instance commits a change) and hands each new event to the watchers of its video; everything
 * per-watcher is a queue offer, so a thousand watchers cost a thousand offers per event. A file's address is issued
 * once per event, not once per watcher.
 *
 * <p>A new watch registers before it reads its first events from the log, so nothing committed in between is lost;
 * what arrives twice that way is dropped by event id.
 */
public final class LiveVideoStatus implements WatchVideoStatus, AutoCloseable {

    private static final Logger LOG = System.getLogger(LiveVideoStatus.class.getName());
    private static final int PAGE = 500;
    /** Put on a closed watch's queue to wake its reader; never handed out. */
    private static final VideoEvent WAKE_UP = new VideoEvent(Long.MAX_VALUE, new VideoId(new UUID(0, 0)), TenantId.of("none"),
            VideoStatus.QUEUED, null, null, Instant.EPOCH);

    private final Videos videos;
    private final VideoEvents events;
    private final FileStorage storage;
    private final int watchCapacity;
    private final Map<VideoId, Set<Watch>> watchers = new ConcurrentHashMap<>();
    private final Object reading = new Object();
    private long lastDispatched;
    private AutoCloseable listening;

    /**
     * @param watchCapacity how many events a watcher may fall behind before it is dropped (and resumes by itself)
     */
    public LiveVideoStatus(Videos videos, VideoEvents events, FileStorage storage, int watchCapacity) {
        this.videos = videos;
        this.events = events;
        this.storage = storage;
        this.watchCapacity = watchCapacity;
        this.lastDispatched = events.lastId();
    }

    /** Starts following events committed on any instance. */
    public LiveVideoStatus listenTo(VideoEventNotifications notifications) {
        listening = notifications.onNewEvents(this::catchUp);
        return this;
    }

    /** Reads every event after the last one handed out and hands each to its watchers; answers how many were read. */
    public int catchUp() {
        synchronized (reading) {
            int read = 0;
            while (true) {
                List<VideoEvent> page = events.after(lastDispatched, PAGE);
                for (VideoEvent event : page) {
                    dispatch(event);
                    lastDispatched = event.id();
                }
                read += page.size();
                if (page.size() < PAGE) {
                    return read;
                }
            }
        }
    }

    private void dispatch(VideoEvent event) {
        Set<Watch> interested = watchers.get(event.videoId());
        if (interested == null || interested.isEmpty()) {
            return;
        }
        VideoEvent withAddress = withFreshFileUrl(event);
        for (Watch watch : interested) {
            watch.offer(withAddress);
        }
    }

    @Override
    public Opened watch(WatchVideoStatusQuery query) {
        Set<VideoId> found = new HashSet<>();
        for (AvatarVideo video : videos.findAll(query.tenantId(), query.videoIds())) {
            found.add(video.id());
        }
        for (VideoId id : query.videoIds()) {
            if (!found.contains(id)) {
                return new Opened.UnknownVideo(id);
            }
        }
        Watch watch = new Watch(query.videoIds(), query.lastEventId().orElse(0));
        // compute, not computeIfAbsent().add(): a closing watch may be removing the same video's set right now.
        query.videoIds().forEach(id -> watchers.compute(id, (any, set) -> {
            Set<Watch> registered = set == null ? ConcurrentHashMap.newKeySet() : set;
            registered.add(watch);
            return registered;
        }));
        try {
            List<VideoEvent> first = query.lastEventId().isPresent()
                    ? missedSince(query, query.lastEventId().getAsLong())
                    : events.latestOf(query.tenantId(), query.videoIds()).stream().sorted(Comparator.comparingLong(VideoEvent::id)).toList();
            first.forEach(event -> watch.primed.add(withFreshFileUrl(event)));
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        return new Opened.Watching(watch);
    }

    private List<VideoEvent> missedSince(WatchVideoStatusQuery query, long lastEventId) {
        List<VideoEvent> missed = new ArrayList<>();
        long after = lastEventId;
        while (true) {
            List<VideoEvent> page = events.ofVideosAfter(query.tenantId(), query.videoIds(), after, PAGE);
            missed.addAll(page);
            if (page.size() < PAGE) {
                return missed;
            }
            after = page.getLast().id();
        }
    }

    private VideoEvent withFreshFileUrl(VideoEvent event) {
        return event.withFileUrls(storage::accessUrl);
    }

    /** How many watches are open on this instance. */
    public int watchCount() {
        Set<Watch> all = new HashSet<>();
        watchers.values().forEach(all::addAll);
        return all.size();
    }

    @Override
    public void close() throws Exception {
        if (listening != null) {
            listening.close();
        }
    }

    private final class Watch implements StatusWatch {

        private final List<VideoId> videoIds;
        /** Read and written only by the watcher's thread: what the log said when the watch opened, then the live queue. */
        private final Deque<VideoEvent> primed = new ArrayDeque<>();
        private final LinkedBlockingQueue<VideoEvent> live;
        private final Map<VideoId, Long> lastSent = new HashMap<>();
        private final long resumedAfter;
        private volatile boolean open = true;

        Watch(List<VideoId> videoIds, long resumedAfter) {
            this.videoIds = videoIds;
            this.live = new LinkedBlockingQueue<>(watchCapacity);
            this.resumedAfter = resumedAfter;
        }

        void offer(VideoEvent event) {
            if (open && !live.offer(event)) {
                LOG.log(Level.INFO, "a status watcher fell {0} events behind; dropping it so it resumes from its last event", watchCapacity);
                close();
            }
        }

        @Override
        public Optional<VideoEvent> next(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (open) {
                VideoEvent event = primed.poll();
                if (event == null) {
                    event = live.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                if (event == null || event == WAKE_UP) {
                    return Optional.empty();
                }
                // Ids grow per video, so anything not above the last one sent is a repeat.
                if (event.id() > lastSent.getOrDefault(event.videoId(), resumedAfter)) {
                    lastSent.put(event.videoId(), event.id());
                    return Optional.of(event);
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        /** Also wakes a reader waiting in {@link #next}, so closing from another thread ends its wait at once. */
        @Override
        public void close() {
            open = false;
            for (VideoId id : videoIds) {
                watchers.computeIfPresent(id, (any, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
            }
            live.offer(WAKE_UP);
        }
    }
}
