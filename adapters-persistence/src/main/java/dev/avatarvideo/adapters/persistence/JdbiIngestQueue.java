package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link IngestQueue} on the video rows: claims as leases, so exactly one instance downloads each video; tenants are
 * taken in turn, so a burst of one tenant's videos does not hold up another's copies.
 */
final class JdbiIngestQueue implements IngestQueue {

    private static final String DUE = """
            (v.retry_at IS NULL OR v.retry_at <= :now)
            AND ((v.status = 'INGESTING' AND (v.next_ingest_at IS NULL OR v.next_ingest_at <= :now))
                 OR (v.status = 'RENDERING' AND v.check_requested))""";
    private static final String ORDER = "v.updated_at, v.id";

    private final VideoClaims claims;

    JdbiIngestQueue(VideoClaims claims) {
        this.claims = claims;
    }

    @Override
    public List<AvatarVideo> claimForIngest(Instant now, int limit) {
        List<UUID> ids = claims.claimTakingTenantsInTurn(DUE, ORDER, limit, now);
        return claims.read(ids, ORDER, (video, rs) -> video);
    }

    @Override
    public void finish(VideoId video) {
        claims.end(video, "check_requested = false, retry_at = NULL", Map.of());
    }

    @Override
    public void retryAt(VideoId video, Instant at) {
        claims.end(video, "retry_at = :at", Map.of("at", JdbiVideos.utc(at)));
    }
}
