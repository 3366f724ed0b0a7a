package dev.avatarvideo.domain;

/**
 * Why a video failed: a stable machine-readable code (ours, or the renderer's failure code) and a message a person
 * can act on.
 */
public record VideoFailure(String code, String message) {

    public static final int MAX_MESSAGE_LENGTH = 2000;

    public VideoFailure {
        Require.notBlank("code", code);
        Require.notBlank("message", message);
        if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
        }
    }
}
