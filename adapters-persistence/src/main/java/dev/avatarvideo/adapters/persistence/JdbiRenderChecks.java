package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link RenderChecks} on the video rows: the schedule in {@code next_check_at}, claims as leases. */
final class JdbiRenderChecks implements RenderChecks {

    private static final String BY_DUE = "v.next_check_at, v.id";

    private final VideoClaims claims;

    JdbiRenderChecks(VideoClaims claims) {
        this.claims = claims;
    }

    @Override
    public void startTracking(VideoId video, RendererAccount account, Instant since, Instant firstCheckAt) {
        claims.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE avatar_videos
                           SET renderer_account = :account, rendering_since = :since, next_check_at = :first, status_checks = 0,
                               event_at = NULL, check_requested = false, retry_at = NULL, lease_owner = NULL, lease_until = NULL
                         WHERE id = :id""")
                .bind("account", account.fingerprint())
                .bind("since", JdbiVideos.utc(since))
                .bind("first", JdbiVideos.utc(firstCheckAt))
                .bind("id", video.value())
                .execute());
        claims.forgetClaim(video);
    }

    @Override
    public List<TrackedRender> claimDue(Instant now, int limit) {
        List<UUID> ids = claims.claim("v.status = 'RENDERING' AND v.next_check_at <= :now", BY_DUE, limit, now, "", Map.of());
        return claims.read(ids, BY_DUE, JdbiRenderChecks::tracked);
    }

    @Override
    public List<TrackedRender> claimNextDue(RendererAccount account, int limit, Instant now) {
        if (limit < 1) {
            return List.of();
        }
        List<UUID> ids = claims.claim("v.status = 'RENDERING' AND v.renderer_account = :account AND v.next_check_at > :now", BY_DUE, limit,
                now, "", Map.of("account", account.fingerprint()));
        return claims.read(ids, BY_DUE, JdbiRenderChecks::tracked);
    }

    @Override
    public void reschedule(VideoId video, Instant next, boolean checked) {
        claims.end(video, "next_check_at = :next, status_checks = status_checks + :checked",
                Map.of("next", JdbiVideos.utc(next), "checked", checked ? 1 : 0));
    }

    @Override
    public void release(VideoId video) {
        claims.end(video, "", Map.of());
    }

    @Override
    public List<TrackedRender> withoutEvent(Instant renderingSinceBefore, int limit) {
        return claims.jdbi().withHandle(handle -> handle.createQuery(JdbiVideos.SELECT + """
                         WHERE v.status = 'RENDERING' AND v.event_at IS NULL AND v.rendering_since <= :before
                         ORDER BY v.rendering_since, v.id LIMIT :limit""")
                .bind("before", JdbiVideos.utc(renderingSinceBefore))
                .bind("limit", limit)
                .map((rs, ctx) -> tracked(claims.videos().toVideo(rs, ctx), rs))
                .list());
    }

    @Override
    public long countWithoutEvent(Instant renderingSinceBefore) {
        return claims.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM avatar_videos
                         WHERE status = 'RENDERING' AND event_at IS NULL AND rendering_since <= :before""")
                .bind("before", JdbiVideos.utc(renderingSinceBefore))
                .mapTo(Long.class)
                .one());
    }

    private static TrackedRender tracked(AvatarVideo video, ResultSet rs) throws SQLException {
        Instant since = JdbiVideos.instant(rs, "rendering_since");
        return new TrackedRender(video, Optional.ofNullable(rs.getString("renderer_account")).map(RendererAccount::new), since == null ? video.updatedAt() : since,
                rs.getInt("status_checks"), Optional.ofNullable(JdbiVideos.instant(rs, "event_at")));
    }
}
