package dev.avatarvideo.domain;

import java.util.Objects;

/**
 * The renderer says something happened to one of its renders. Only a reason to ask the renderer again: what it says
 * here is never taken as the render's state, nor is any address it carries ever used.
 */
public record RenderEvent(WebhookEvent type, RenderId renderId) {

    public RenderEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(renderId, "renderId");
    }
}
