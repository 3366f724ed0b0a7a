package dev.avatarvideo.application.fakes;

import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.VideoPage;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoFilter;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * {@link Videos} in a map, for fast service tests; held to the same contract as the database adapter. Like the
 * database, it appends to its {@link #events() event log} when a video is added and whenever its status changes.
 */
public final class InMemoryVideos implements Videos, RollbackTransactions.Participant {

    private static final Comparator<AvatarVideo> NEWEST_FIRST =
            Comparator.comparing(AvatarVideo::createdAt).thenComparing(v -> v.id().value()).reversed();

    private final ConcurrentHashMap<VideoId, AvatarVideo> byId = new ConcurrentHashMap<>();
    private final InMemoryVideoEvents events = new InMemoryVideoEvents();
    private volatile UnaryOperator<AvatarVideo> beforeUpdate = UnaryOperator.identity();
    private volatile Predicate<VideoId> shown = id -> false;

    @Override
    public void add(AvatarVideo video) {
        if (byId.putIfAbsent(video.id(), video) != null) {
            throw new IllegalStateException("video " + video.id() + " already exists");
        }
        events.append(video);
    }

    @Override
    public AvatarVideo update(AvatarVideo video) {
        beforeUpdate.apply(video);
        AvatarVideo saved = video.withVersion(video.version() + 1);
        AtomicReference<VideoStatus> before = new AtomicReference<>();
        byId.compute(video.id(), (id, current) -> {
            if (current == null || current.version() != video.version()) {
                throw new ConcurrentUpdateException("video " + id + " changed since version " + video.version());
            }
            before.set(current.status());
            return saved;
        });
        if (before.get() != saved.status()) {
            events.append(saved);
        }
        return saved;
    }

    /** The log of every video's history, as the database keeps it. */
    public InMemoryVideoEvents events() {
        return events;
    }

    @Override
    public Optional<AvatarVideo> find(TenantId tenantId, VideoId videoId) {
        return findById(videoId).filter(v -> v.tenantId().equals(tenantId));
    }

    @Override
    public Optional<AvatarVideo> findById(VideoId videoId) {
        return Optional.ofNullable(byId.get(videoId));
    }

    @Override
    public VideoPage list(TenantId tenantId, VideoFilter filter, int limit, Optional<PageCursor> after) {
        List<AvatarVideo> matching = byId.values().stream()
                .filter(v -> v.tenantId().equals(tenantId))
                .filter(filter::accepts)
                .filter(v -> after.map(c -> isAfter(v, c)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new VideoPage(matching, Optional.empty());
        }
        List<AvatarVideo> page = matching.subList(0, limit);
        return new VideoPage(page, Optional.of(PageCursor.after(page.getLast())));
    }

    @Override
    public synchronized Optional<RemovedVideo> delete(TenantId tenantId, VideoId videoId) {
        Optional<AvatarVideo> found = find(tenantId, videoId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (shown.test(videoId)) {
            throw new VideoShownException("video " + videoId + " is shown in a topic");
        }
        byId.remove(videoId);
        return Optional.of(new RemovedVideo(found.get().storedKeys()));
    }

    /** Which videos a topic shows, as the database's foreign keys know; none unless told. */
    public void shownInTopicsWhen(Predicate<VideoId> shownInTopic) {
        this.shown = shownInTopic;
    }

    @Override
    public List<AvatarVideo> findAll(TenantId tenantId, Collection<VideoId> videoIds) {
        return videoIds.stream().distinct().map(byId::get).filter(v -> v != null && v.tenantId().equals(tenantId)).toList();
    }

    /** Every video, for the fakes of the work queues that look at videos the way the database does. */
    public List<AvatarVideo> all() {
        return List.copyOf(byId.values());
    }

    /** Lets a test make the next updates fail, as a broken database would. */
    public void beforeEachUpdate(UnaryOperator<AvatarVideo> hook) {
        this.beforeUpdate = hook;
    }

    private static boolean isAfter(AvatarVideo video, PageCursor cursor) {
        int byTime = video.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || (byTime == 0 && video.id().value().compareTo(cursor.id().value()) < 0);
    }


    @Override
    public Runnable snapshot() {
        java.util.Map<VideoId, AvatarVideo> copy = new java.util.HashMap<>(byId);
        Runnable restoreEvents = events.snapshot();
        return () -> {
            byId.clear();
            byId.putAll(copy);
            restoreEvents.run();
        };
    }
}
