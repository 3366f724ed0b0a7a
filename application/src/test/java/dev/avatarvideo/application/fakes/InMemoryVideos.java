package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.in.ListAvatarVideosQuery;
import dev.avatarvideo.application.port.in.PageCursor;
import dev.avatarvideo.application.port.in.VideoPage;
import dev.avatarvideo.application.port.out.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** {@link Videos} in a map, for fast service tests; held to the same contract as the database adapter. */
public final class InMemoryVideos implements Videos {

    private static final Comparator<AvatarVideo> NEWEST_FIRST =
            Comparator.comparing(AvatarVideo::createdAt).thenComparing(v -> v.id().value()).reversed();

    private final ConcurrentHashMap<VideoId, AvatarVideo> byId = new ConcurrentHashMap<>();
    private volatile UnaryOperator<AvatarVideo> beforeUpdate = UnaryOperator.identity();

    @Override
    public void add(AvatarVideo video) {
        if (byId.putIfAbsent(video.id(), video) != null) {
            throw new IllegalStateException("video " + video.id() + " already exists");
        }
    }

    @Override
    public AvatarVideo update(AvatarVideo video) {
        beforeUpdate.apply(video);
        AvatarVideo saved = withVersion(video, video.version() + 1);
        byId.compute(video.id(), (id, current) -> {
            if (current == null || current.version() != video.version()) {
                throw new ConcurrentUpdateException("video " + id + " changed since version " + video.version());
            }
            return saved;
        });
        return saved;
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
    public VideoPage list(ListAvatarVideosQuery query) {
        List<AvatarVideo> matching = byId.values().stream()
                .filter(v -> v.tenantId().equals(query.tenantId()))
                .filter(v -> query.after().map(c -> isAfter(v, c)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(query.limit() + 1L)
                .toList();
        if (matching.size() <= query.limit()) {
            return new VideoPage(matching, Optional.empty());
        }
        List<AvatarVideo> page = matching.subList(0, query.limit());
        AvatarVideo last = page.getLast();
        return new VideoPage(page, Optional.of(new PageCursor(last.createdAt(), last.id())));
    }

    @Override
    public List<AvatarVideo> inStatus(VideoStatus status, int limit) {
        return byId.values().stream()
                .filter(v -> v.status() == status)
                .sorted(Comparator.comparing(AvatarVideo::updatedAt))
                .limit(limit)
                .toList();
    }

    /** Lets a test make the next updates fail, as a broken database would. */
    public void beforeEachUpdate(UnaryOperator<AvatarVideo> hook) {
        this.beforeUpdate = hook;
    }

    private static boolean isAfter(AvatarVideo video, PageCursor cursor) {
        int byTime = video.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || (byTime == 0 && video.id().value().compareTo(cursor.id().value()) < 0);
    }

    private static AvatarVideo withVersion(AvatarVideo v, long version) {
        return new AvatarVideo(v.id(), v.tenantId(), v.title(), v.scenes(), v.resolution(), v.aspectRatio(), v.status(),
                v.renderId(), v.failure(), v.file(), v.ingestAttempts(), v.createdAt(), v.updatedAt(), version);
    }
}
