package dev.avatarvideo.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An address of the platform's that hears about a tenant's videos: every change to one of the {@code statuses} it
 * subscribed to is delivered there, signed with the endpoint's own secret.
 */
public record NotificationEndpoint(NotificationEndpointId id, TenantId tenantId, NotificationUrl url, Set<VideoStatus> statuses,
                                   Instant createdAt) {

    /** The most endpoints one tenant may register; each one multiplies every delivery. */
    public static final int MAX_PER_TENANT = 20;

    public NotificationEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(createdAt, "createdAt");
        if (statuses == null || statuses.isEmpty()) {
            throw new InvalidInputException("events", "events must name at least one event type");
        }
        statuses = Set.copyOf(EnumSet.copyOf(statuses));
    }

    public boolean hears(VideoStatus status) {
        return statuses.contains(status);
    }
}
