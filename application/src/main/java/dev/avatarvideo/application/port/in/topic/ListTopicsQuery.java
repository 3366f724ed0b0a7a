package dev.avatarvideo.application.port.in.topic;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.TopicCursor;
import java.util.Objects;
import java.util.Optional;

/** Which page of a tenant's topics to read: at most {@code limit} topics, after the given cursor when present. */
public record ListTopicsQuery(TenantId tenantId, int limit, Optional<TopicCursor> after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ListTopicsQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
        }
    }
}
