package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.video.VideoEvents;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The {@code video_events} log, which the database's triggers on {@code avatar_videos} write. */
final class JdbiVideoEvents implements VideoEvents {

    private static final String SELECT = "SELECT " + VideoEventRows.COLUMNS + VideoEventRows.FROM;

    private final Jdbi jdbi;

    JdbiVideoEvents(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<VideoEvent> after(long afterId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + " WHERE e.id > :after ORDER BY e.id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> VideoEventRows.read(rs))
                .list());
    }

    @Override
    public List<VideoEvent> ofVideosAfter(TenantId tenantId, Collection<VideoId> videoIds, long afterId, int limit) {
        if (videoIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery(SELECT
                        + " WHERE e.video_id = ANY(:ids) AND e.tenant_id = :tenantId AND e.id > :after ORDER BY e.id LIMIT :limit")
                .bindArray("ids", UUID.class, ids(videoIds))
                .bind("tenantId", tenantId.value())
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> VideoEventRows.read(rs))
                .list());
    }

    @Override
    public List<VideoEvent> latestOf(TenantId tenantId, Collection<VideoId> videoIds) {
        if (videoIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT ON (e.video_id) " + VideoEventRows.COLUMNS + VideoEventRows.FROM
                        + " WHERE e.video_id = ANY(:ids) AND e.tenant_id = :tenantId ORDER BY e.video_id, e.id DESC")
                .bindArray("ids", UUID.class, ids(videoIds))
                .bind("tenantId", tenantId.value())
                .map((rs, ctx) -> VideoEventRows.read(rs))
                .list());
    }

    @Override
    public long lastId() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT coalesce(max(id), 0) FROM video_events").mapTo(Long.class).one());
    }

    private static List<UUID> ids(Collection<VideoId> videoIds) {
        return videoIds.stream().map(VideoId::value).distinct().toList();
    }
}
