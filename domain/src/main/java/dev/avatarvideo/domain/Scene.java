package dev.avatarvideo.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One stretch of video in which an avatar speaks a script with a voice, optionally tuned, in front of an optional
 * background.
 *
 * <p>The script limit is HeyGen's: longer scripts are rejected by the renderer, so we refuse them at the door
 * instead of accepting a video that can only fail minutes later.
 */
public record Scene(String avatarId, String voiceId, String script, Optional<VoiceSettings> voice, Optional<SceneBackground> background) {

    public static final int MAX_SCRIPT_LENGTH = 5000;
    public static final int MAX_ID_LENGTH = 200;

    public Scene {
        Require.notBlank("avatarId", avatarId);
        Require.maxLength("avatarId", avatarId, MAX_ID_LENGTH);
        Require.notBlank("voiceId", voiceId);
        Require.maxLength("voiceId", voiceId, MAX_ID_LENGTH);
        Require.notBlank("script", script);
        Require.maxLength("script", script, MAX_SCRIPT_LENGTH);
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(background, "background");
    }

    /** A scene with the voice as it comes and the avatar's own background. */
    public Scene(String avatarId, String voiceId, String script) {
        this(avatarId, voiceId, script, Optional.empty(), Optional.empty());
    }
}
