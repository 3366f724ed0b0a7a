package dev.avatarvideo.client;

import java.util.Objects;

/** One scene of a video request: which avatar says what, in which voice. */
public record Scene(String avatarId, String voiceId, String script) {

    public Scene {
        Objects.requireNonNull(avatarId, "avatarId");
        Objects.requireNonNull(voiceId, "voiceId");
        Objects.requireNonNull(script, "script");
    }
}
