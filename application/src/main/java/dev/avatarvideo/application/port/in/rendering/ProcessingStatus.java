package dev.avatarvideo.application.port.in.rendering;

import dev.avatarvideo.domain.ProcessingMode;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of render tracking.
 *
 * @param activeVideos videos queued, rendering or ingesting, by status
 * @param queuedPerTenant queued videos per tenant, waiting for a render slot
 * @param statusCalls status calls made to the renderer since {@code countedSince}, by all instances together
 * @param overdue rendering videos whose webhook has not come within the expected time (webhook and hybrid modes; in
 *                hybrid these are the ones being polled)
 */
public record ProcessingStatus(ProcessingMode mode, Map<VideoStatus, Long> activeVideos, Map<TenantId, Long> queuedPerTenant,
                               Webhook webhook, StatusCalls statusCalls, Overdue overdue) {

    /**
     * @param enabled whether this mode expects webhooks
     * @param registered whether the renderer account has our endpoint and we know its secret
     * @param url where the renderer calls us
     */
    public record Webhook(boolean enabled, boolean registered, Optional<URI> url, Optional<String> endpointId, String detail,
                          Optional<Instant> lastReceivedAt, long deliveriesReceived) {
    }

    public record StatusCalls(long bulk, long single, long submissions, Optional<Instant> countedSince) {
    }

    /** {@code videos} lists the longest overdue first, at most a page of them; {@code count} is all of them. */
    public record Overdue(long count, Duration after, List<OverdueVideo> videos) {
    }

    public record OverdueVideo(VideoId id, TenantId tenantId, RenderId renderId, Instant renderingSince, Instant overdueSince) {
    }
}
