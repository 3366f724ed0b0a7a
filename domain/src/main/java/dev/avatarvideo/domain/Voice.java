package dev.avatarvideo.domain;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A voice a scene can speak with: its {@code id} is what a scene names as {@code voiceId}.
 *
 * @param supportsPause whether pause/break marks in a script are honoured
 * @param supportsLocale whether a locale variant (en-US, en-GB) can be chosen
 */
public record Voice(String id, String name, String language, Optional<String> gender, Optional<URI> previewAudioUrl,
                    boolean supportsPause, boolean supportsLocale, Ownership ownership) {

    public Voice {
        Require.notBlank("id", id);
        name = name == null || name.isBlank() ? id : name;
        language = language == null ? "" : language;
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(previewAudioUrl, "previewAudioUrl");
        Objects.requireNonNull(ownership, "ownership");
    }
}
