package dev.avatarvideo.domain;

/**
 * Why a video failed: a stable machine-readable code (ours, or the renderer's failure code) and a message a person
 * can act on.
 */
public record VideoFailure(String code, String message) {

    public static final int MAX_MESSAGE_LENGTH = 2000;

    /** The renderer refused our credentials (HeyGen: 401); nothing was rendered. */
    public static final String RENDERER_KEY_REJECTED = "renderer_key_rejected";
    /** The renderer refused the request's content; the message starts with the offending field. */
    public static final String INVALID_REQUEST = "invalid_request";
    /** The renderer account cannot pay for the render (HeyGen: 402). */
    public static final String INSUFFICIENT_CREDIT = "insufficient_credit";

    public VideoFailure {
        Require.notBlank("code", code);
        Require.notBlank("message", message);
        if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
        }
    }
}
