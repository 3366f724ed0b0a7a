package dev.avatarvideo.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An address the renderer calls when something happens to a render.
 *
 * @param events which of this service's events it is called about (a renderer endpoint subscribed to everything hears
 *               all of them; one subscribed only to events this service does not know hears none)
 */
public record WebhookEndpoint(String id, URI url, Set<WebhookEvent> events, boolean enabled, Instant createdAt) {

    public WebhookEndpoint {
        Require.notBlank("id", id);
        Objects.requireNonNull(url, "url");
        events = Set.copyOf(events);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
