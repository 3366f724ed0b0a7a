package dev.avatarvideo.domain;

import java.util.Objects;

/** A newly registered webhook endpoint and its signing secret, which the renderer shows this once. */
public record RegisteredWebhook(WebhookEndpoint endpoint, WebhookSecret secret) {

    public RegisteredWebhook {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secret, "secret");
    }
}
