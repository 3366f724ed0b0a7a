package dev.avatarvideo.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Which voices to list: absent parts do not filter, except that without an {@code ownership} the renderer lists its
 * shared (public) library, as HeyGen does.
 */
public record VoiceFilter(Optional<String> language, Optional<Gender> gender, Optional<Ownership> ownership) {

    public static final VoiceFilter ALL = new VoiceFilter(Optional.empty(), Optional.empty(), Optional.empty());
    public static final int MAX_LANGUAGE_LENGTH = 64;

    public VoiceFilter {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(ownership, "ownership");
        language = language.map(String::strip).filter(l -> !l.isEmpty());
        language.ifPresent(l -> Require.maxLength("language", l, MAX_LANGUAGE_LENGTH));
    }
}
