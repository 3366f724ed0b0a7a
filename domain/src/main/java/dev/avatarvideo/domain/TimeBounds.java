package dev.avatarvideo.domain;

import java.time.Instant;

/**
 * The times a caller can hand this service: years 1 to 9999, what an ISO-8601 timestamp with a four-digit year can
 * say, and well inside what the database holds (PostgreSQL's timestamps end in the year 294276). A time outside them
 * is refused naming its field instead of failing on its way into a query.
 */
public final class TimeBounds {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private TimeBounds() {
    }

    public static Instant require(String field, Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new InvalidInputException(field, field + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return time;
    }
}
