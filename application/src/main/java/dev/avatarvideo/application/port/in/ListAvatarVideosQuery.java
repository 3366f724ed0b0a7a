package dev.avatarvideo.application.port.in;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.TenantId;
import java.util.Objects;
import java.util.Optional;

/** Which page of a tenant's videos to read: at most {@code limit} videos, after the given cursor when present. */
public record ListAvatarVideosQuery(TenantId tenantId, int limit, Optional<PageCursor> after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ListAvatarVideosQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
        }
    }

    public static ListAvatarVideosQuery firstPage(TenantId tenantId) {
        return new ListAvatarVideosQuery(tenantId, DEFAULT_LIMIT, Optional.empty());
    }
}
