package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.video.VideoWaits;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.VideoWaiting;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@link VideoWaits} in {@code video_waits}; a row counts only while its video has the status it was written for. */
final class JdbiVideoWaits implements VideoWaits {

    /** The same reason keeps its {@code since}; a new reason, or the same one in another status, starts again. */
    private static final String UPSERT = """
            ON CONFLICT (video_id) DO UPDATE SET account = EXCLUDED.account, status = EXCLUDED.status, reason = EXCLUDED.reason,
                detail = EXCLUDED.detail,
                since = CASE WHEN video_waits.reason = EXCLUDED.reason AND video_waits.status = EXCLUDED.status
                             THEN video_waits.since ELSE EXCLUDED.since END""";

    private final Jdbi jdbi;

    JdbiVideoWaits(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void markQueued(RendererAccount account, Collection<TenantId> tenants, VideoWaiting waiting) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO video_waits (video_id, account, status, reason, detail, since)
                        SELECT id, :account, 'QUEUED', :reason, :detail, :since FROM avatar_videos
                        WHERE status = 'QUEUED' AND tenant_id = ANY(:tenants)
                        """ + UPSERT)
                .bind("account", account.fingerprint())
                .bindArray("tenants", String.class, tenants.stream().map(TenantId::value).toList())
                .bind("reason", waiting.reason().code())
                .bind("detail", waiting.detail())
                .bind("since", waiting.since().atOffset(ZoneOffset.UTC))
                .execute());
    }

    @Override
    public void mark(RendererAccount account, VideoId video, VideoStatus status, VideoWaiting waiting) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO video_waits (video_id, account, status, reason, detail, since)
                        SELECT id, :account, :status, :reason, :detail, :since FROM avatar_videos WHERE id = :video AND status = :status
                        """ + UPSERT)
                .bind("video", video.value())
                .bind("account", account.fingerprint())
                .bind("status", status.name())
                .bind("reason", waiting.reason().code())
                .bind("detail", waiting.detail())
                .bind("since", waiting.since().atOffset(ZoneOffset.UTC))
                .execute());
    }

    @Override
    public void clear(RendererAccount account, VideoStatus status) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM video_waits WHERE account = :account AND status = :status")
                .bind("account", account.fingerprint())
                .bind("status", status.name())
                .execute());
    }

    @Override
    public Map<VideoId, VideoWaiting> current(TenantId tenant, Collection<VideoId> videos) {
        Map<VideoId, VideoWaiting> current = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT w.video_id, w.reason, w.detail, w.since FROM video_waits w
                        JOIN avatar_videos v ON v.id = w.video_id AND v.status = w.status
                        WHERE v.tenant_id = :tenant AND w.video_id = ANY(:videos)""")
                .bind("tenant", tenant.value())
                .bindArray("videos", UUID.class, videos.stream().map(VideoId::value).toList())
                .map((rs, ctx) -> Map.entry(new VideoId(rs.getObject("video_id", UUID.class)), new VideoWaiting(
                        VideoWaiting.Reason.ofCode(rs.getString("reason")), rs.getString("detail"),
                        rs.getObject("since", OffsetDateTime.class).toInstant())))
                .forEach(entry -> current.put(entry.getKey(), entry.getValue())));
        return current;
    }
}
