package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFilter;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which page of a tenant's videos to read: at most {@code limit} of those {@code filter} accepts, after the given
 * cursor when present.
 */
public record ListAvatarVideosQuery(TenantId tenantId, VideoFilter filter, int limit, Optional<PageCursor> after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ListAvatarVideosQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
        }
    }

    /** Every video, a page at a time. */
    public ListAvatarVideosQuery(TenantId tenantId, int limit, Optional<PageCursor> after) {
        this(tenantId, VideoFilter.ALL, limit, after);
    }

    public static ListAvatarVideosQuery firstPage(TenantId tenantId) {
        return new ListAvatarVideosQuery(tenantId, DEFAULT_LIMIT, Optional.empty());
    }

    /**
     * The filter from a caller's raw parameters: {@code status} one or more statuses separated by commas, the two
     * times as ISO-8601 instants ({@code 2026-11-21T10:00:00Z}); each absent or blank one filters nothing.
     */
    public static VideoFilter filterFrom(String status, String createdAfter, String createdBefore) {
        Set<VideoStatus> statuses = EnumSet.noneOf(VideoStatus.class);
        if (status != null && !status.isBlank()) {
            for (String part : status.split(",", 10)) {
                try {
                    statuses.add(VideoStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("status", "status must be one or more of QUEUED, RENDERING, INGESTING, READY, FAILED"
                            + " separated by commas (got '" + shorten(part.strip()) + "')");
                }
            }
        }
        return new VideoFilter(statuses, instant("createdAfter", createdAfter), instant("createdBefore", createdBefore));
    }

    private static Optional<Instant> instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 instant such as 2026-11-21T10:00:00Z (got '"
                    + shorten(text.strip()) + "')");
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
