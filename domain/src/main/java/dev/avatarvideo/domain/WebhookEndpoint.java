package dev.avatarvideo.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An address the renderer calls when something happens to a render.
 *
 * @param events what it is called about; empty means everything the renderer reports
 */
public record WebhookEndpoint(String id, URI url, Set<WebhookEvent> events, boolean enabled, Instant createdAt) {

    public WebhookEndpoint {
        Require.notBlank("id", id);
        Objects.requireNonNull(url, "url");
        events = Set.copyOf(events);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
