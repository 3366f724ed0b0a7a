package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.video.VideoStatistics;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** {@link VideoStatistics} by counting video rows; the in-flight ones are in partial indexes, so this stays cheap. */
final class JdbiVideoStatistics implements VideoStatistics {

    private final Jdbi jdbi;

    JdbiVideoStatistics(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Map<VideoStatus, Long> inFlightByStatus() {
        Map<VideoStatus, Long> counts = new EnumMap<>(VideoStatus.class);
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT status, count(*) FROM avatar_videos
                         WHERE status IN ('QUEUED', 'RENDERING', 'INGESTING') GROUP BY status""")
                .map((rs, ctx) -> Map.entry(VideoStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }

    /** Counts the whole table: meant for a metrics gauge that asks at most every few seconds, not per request. */
    @Override
    public Map<VideoStatus, Long> byStatus() {
        Map<VideoStatus, Long> counts = new EnumMap<>(VideoStatus.class);
        jdbi.useHandle(handle -> handle.createQuery("SELECT status, count(*) FROM avatar_videos GROUP BY status")
                .map((rs, ctx) -> Map.entry(VideoStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }

    @Override
    public Map<TenantId, Long> queuedPerTenant() {
        Map<TenantId, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT tenant_id, count(*) FROM avatar_videos WHERE status = 'QUEUED' GROUP BY tenant_id ORDER BY tenant_id""")
                .map((rs, ctx) -> Map.entry(new TenantId(rs.getString(1)), rs.getLong(2)))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }
}
