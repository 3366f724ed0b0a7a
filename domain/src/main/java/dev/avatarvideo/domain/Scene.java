package dev.avatarvideo.domain;

/**
 * One stretch of video in which an avatar speaks a script with a voice.
 *
 * <p>The script limit is HeyGen's: longer scripts are rejected by the renderer, so we refuse them at the door
 * instead of accepting a video that can only fail minutes later.
 */
public record Scene(String avatarId, String voiceId, String script) {

    public static final int MAX_SCRIPT_LENGTH = 5000;
    public static final int MAX_ID_LENGTH = 200;

    public Scene {
        Require.notBlank("avatarId", avatarId);
        Require.maxLength("avatarId", avatarId, MAX_ID_LENGTH);
        Require.notBlank("voiceId", voiceId);
        Require.maxLength("voiceId", voiceId, MAX_ID_LENGTH);
        Require.notBlank("script", script);
        Require.maxLength("script", script, MAX_SCRIPT_LENGTH);
    }
}
