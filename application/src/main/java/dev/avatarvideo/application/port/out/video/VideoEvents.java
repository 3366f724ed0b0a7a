package dev.avatarvideo.application.port.out.video;

import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import java.util.Collection;
import java.util.List;

/**
 * The log of every video's history, written by {@link Videos} itself: adding a video and changing its status each
 * append exactly one event in the same transaction, so a change that rolls back leaves no event. Ids are handed out
 * in commit order: once an id is visible, no event with a smaller one can appear later.
 */
public interface VideoEvents {

    /** Up to {@code limit} events with ids above {@code afterId}, oldest first, of every tenant. */
    List<VideoEvent> after(long afterId, int limit);

    /** Up to {@code limit} events of the tenant's given videos with ids above {@code afterId}, oldest first. */
    List<VideoEvent> ofVideosAfter(TenantId tenantId, Collection<VideoId> videoIds, long afterId, int limit);

    /** The latest event of each of the tenant's given videos, which tells its current state; absent for unknown ones. */
    List<VideoEvent> latestOf(TenantId tenantId, Collection<VideoId> videoIds);

    /** The id of the newest event, 0 when there is none. */
    long lastId();
}
