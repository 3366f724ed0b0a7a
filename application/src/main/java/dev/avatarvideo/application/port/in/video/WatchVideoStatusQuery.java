package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which of a tenant's videos to watch, and where to resume.
 *
 * @param videoIds 1 to {@link #MAX_VIDEOS} videos; repeats count once
 * @param lastEventId the id of the last event the watcher saw: only later events are sent. Empty starts with the
 *                    current state of every video
 */
public record WatchVideoStatusQuery(TenantId tenantId, List<VideoId> videoIds, OptionalLong lastEventId) {

    /** One connection multiplexes at most this many videos; more would make one slow client everyone's problem. */
    public static final int MAX_VIDEOS = 100;

    public WatchVideoStatusQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(lastEventId, "lastEventId");
        if (videoIds == null || videoIds.isEmpty()) {
            throw new InvalidInputException("videoIds", "videoIds must name at least one video");
        }
        videoIds = List.copyOf(new LinkedHashSet<>(videoIds));
        if (videoIds.size() > MAX_VIDEOS) {
            throw new InvalidInputException("videoIds", "videoIds may name at most " + MAX_VIDEOS + " videos per connection (got "
                    + videoIds.size() + "); open another connection for the rest");
        }
        if (lastEventId.isPresent() && lastEventId.getAsLong() < 0) {
            throw new InvalidInputException("Last-Event-ID", "Last-Event-ID must be an event id this service sent (a whole number from 0)");
        }
    }
}
