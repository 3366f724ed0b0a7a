package dev.avatarvideo.domain;

import java.util.Objects;
import java.util.Optional;

/** Which avatar looks to list: absent parts do not filter. */
public record AvatarLookFilter(Optional<AvatarType> type, Optional<Ownership> ownership) {

    public static final AvatarLookFilter ALL = new AvatarLookFilter(Optional.empty(), Optional.empty());

    public AvatarLookFilter {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ownership, "ownership");
        if (type.isPresent() && type.get() == AvatarType.OTHER) {
            throw new InvalidInputException("avatarType", "avatarType must be one of " + AvatarType.filterLabels());
        }
    }
}
