package dev.avatarvideo.client;

/** Why a video failed: a stable code and a message a person can act on. */
public record VideoError(String code, String message) {
}
