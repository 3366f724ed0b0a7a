package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link SubmissionQueue} on the video rows: a claim is a lease on a QUEUED row, tagged with the account it is being
 * submitted on so every instance counts it against that account's budget. Claims for one account are serialised by a
 * transaction-scoped advisory lock, so two instances never both see the same free slot; it is only tried, never waited
 * for (the holder is filling the same slots from the same queue), and held for the count and the claim, never while
 * HeyGen is called.
 */
final class JdbiSubmissionQueue implements SubmissionQueue {

    /** The first key of the advisory locks this service takes for submissions (the second is the account's hash). */
    static final int SUBMISSION_LOCKS = 61_001;

    private final VideoClaims claims;

    JdbiSubmissionQueue(VideoClaims claims) {
        this.claims = claims;
    }

    @Override
    public List<TenantId> tenantsWaiting(Instant now) {
        return claims.jdbi().withHandle(handle -> handle.createQuery("SELECT DISTINCT v.tenant_id FROM avatar_videos v WHERE v.status = 'QUEUED' AND "
                        + VideoClaims.FREE + " ORDER BY v.tenant_id")
                .bind("now", JdbiVideos.utc(now))
                .map((rs, ctx) -> new TenantId(rs.getString(1)))
                .list());
    }

    @Override
    public <T> Optional<T> whileClaimingFor(RendererAccount account, Supplier<T> work) {
        return claims.jdbi().inTransaction(handle -> {
            boolean locked = handle.createQuery("SELECT pg_try_advisory_xact_lock(:space, hashtext(:account))")
                    .bind("space", SUBMISSION_LOCKS)
                    .bind("account", account.fingerprint())
                    .mapTo(Boolean.class)
                    .one();
            return locked ? Optional.of(work.get()) : Optional.empty();
        });
    }

    @Override
    public Map<TenantId, Integer> inFlight(RendererAccount account, Instant now) {
        Map<TenantId, Integer> counts = new LinkedHashMap<>();
        claims.jdbi().useHandle(handle -> handle.createQuery("""
                        SELECT v.tenant_id, count(*) FROM avatar_videos v
                         WHERE v.renderer_account = :account
                           AND ((v.status = 'RENDERING' AND NOT EXISTS (
                                     SELECT 1 FROM renderer_events e
                                      WHERE e.event_type IN ('VIDEO_RENDERED', 'VIDEO_FAILED') AND e.render_id = v.render_id))
                                OR (v.status = 'QUEUED' AND v.lease_until > :now))
                         GROUP BY v.tenant_id ORDER BY v.tenant_id""")
                .bind("account", account.fingerprint())
                .bind("now", JdbiVideos.utc(now))
                .map((rs, ctx) -> Map.entry(new TenantId(rs.getString(1)), rs.getInt(2)))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }

    @Override
    public List<QueuedVideo> oldestWaiting(Collection<TenantId> tenants, int perTenant, Instant now) {
        if (tenants.isEmpty() || perTenant < 1) {
            return List.of();
        }
        return claims.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT q.id, q.tenant_id, q.created_at
                          FROM unnest(:tenants) AS t(tenant_id)
                         CROSS JOIN LATERAL (
                               SELECT v.id, v.tenant_id, v.created_at FROM avatar_videos v
                                WHERE v.status = 'QUEUED' AND v.tenant_id = t.tenant_id AND <free>
                                ORDER BY v.created_at, v.id
                                LIMIT :perTenant) q
                         ORDER BY q.created_at, q.id""")
                .define("free", VideoClaims.FREE)
                .bindArray("tenants", String.class, tenants.stream().map(TenantId::value).distinct().toArray(String[]::new))
                .bind("perTenant", perTenant)
                .bind("now", JdbiVideos.utc(now))
                .map((rs, ctx) -> new QueuedVideo(new VideoId(rs.getObject("id", UUID.class)), new TenantId(rs.getString("tenant_id")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list());
    }

    @Override
    public List<AvatarVideo> claim(List<VideoId> videos, RendererAccount account, Instant now) {
        if (videos.isEmpty()) {
            return List.of();
        }
        List<UUID> wanted = videos.stream().map(VideoId::value).toList();
        List<UUID> claimed = claims.claim("v.status = 'QUEUED' AND v.id = ANY(:wanted)", "v.created_at, v.id", wanted.size(), now,
                "renderer_account = :account", Map.of("wanted", wanted.toArray(UUID[]::new), "account", account.fingerprint()));
        Map<UUID, AvatarVideo> byId = new LinkedHashMap<>();
        claims.read(claimed, "v.id", (video, rs) -> video).forEach(video -> byId.put(video.id().value(), video));
        return wanted.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void release(VideoId video) {
        claims.end(video, "", Map.of());
    }

    @Override
    public void pause(RendererAccount account, Instant until) {
        claims.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO renderer_submission_pauses (renderer_account, until) VALUES (:account, :until)
                        ON CONFLICT (renderer_account) DO UPDATE SET until = greatest(renderer_submission_pauses.until, EXCLUDED.until)""")
                .bind("account", account.fingerprint())
                .bind("until", JdbiVideos.utc(until))
                .execute());
    }

    @Override
    public Optional<Instant> pausedUntil(RendererAccount account, Instant now) {
        return claims.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT until FROM renderer_submission_pauses WHERE renderer_account = :account AND until > :now")
                .bind("account", account.fingerprint())
                .bind("now", JdbiVideos.utc(now))
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .findOne());
    }
}
