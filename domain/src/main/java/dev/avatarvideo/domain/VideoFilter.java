package dev.avatarvideo.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a tenant's videos a listing shows: those in any of {@code statuses} (all when empty), created at or after
 * {@code createdAfter} and before {@code createdBefore} when given.
 */
public record VideoFilter(Set<VideoStatus> statuses, Optional<Instant> createdAfter, Optional<Instant> createdBefore) {

    public static final VideoFilter ALL = new VideoFilter(Set.of(), Optional.empty(), Optional.empty());

    public VideoFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        createdAfter.ifPresent(time -> TimeBounds.require("createdAfter", time));
        createdBefore.ifPresent(time -> TimeBounds.require("createdBefore", time));
        if (createdAfter.isPresent() && createdBefore.isPresent() && !createdAfter.get().isBefore(createdBefore.get())) {
            throw new InvalidInputException("createdBefore", "createdBefore must be later than createdAfter");
        }
    }

    public boolean accepts(AvatarVideo video) {
        return (statuses.isEmpty() || statuses.contains(video.status()))
                && createdAfter.map(after -> !video.createdAt().isBefore(after)).orElse(true)
                && createdBefore.map(before -> video.createdAt().isBefore(before)).orElse(true);
    }
}
