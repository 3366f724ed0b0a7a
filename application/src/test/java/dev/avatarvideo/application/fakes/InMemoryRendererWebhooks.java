package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.rendering.RendererWebhooks;
import dev.avatarvideo.domain.RegisteredWebhook;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.WebhookEndpoint;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The renderer's webhook endpoints in memory, one account per key; it can be told to be unavailable, or that an
 * address is unreachable.
 */
public final class InMemoryRendererWebhooks implements RendererWebhooks {

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> calls = new ArrayList<>();
    private volatile boolean unavailable;
    /** Addresses whose probe fails, as HeyGen's OPTIONS probe fails on an address that does not answer it. */
    private final Set<URI> unreachable = ConcurrentHashMap.newKeySet();

    private record Endpoint(String apiKey, WebhookEndpoint endpoint, WebhookSecret secret) {
    }

    @Override
    public synchronized RendererAnswer<RegisteredWebhook> register(RendererCredentials credentials, URI url, Set<WebhookEvent> events) {
        calls.add("register");
        if (unavailable) {
            return new RendererAnswer.Unavailable<>("HTTP 503");
        }
        if (events.isEmpty()) {
            return new RendererAnswer.Refused<>("events", "at least one event is required");
        }
        if (unreachable.contains(url)) {
            return new RendererAnswer.Refused<>("url", "the probe (OPTIONS " + url + ") did not answer 2xx");
        }
        WebhookEndpoint endpoint = new WebhookEndpoint("ep_" + ids.incrementAndGet(), url, events, true, Instant.parse("2026-11-21T10:00:00Z"));
        WebhookSecret secret = newSecret();
        endpoints.put(endpoint.id(), new Endpoint(credentials.apiKey(), endpoint, secret));
        return new RendererAnswer.Answered<>(new RegisteredWebhook(endpoint, secret));
    }

    @Override
    public synchronized RendererAnswer<List<WebhookEndpoint>> list(RendererCredentials credentials) {
        calls.add("list");
        if (unavailable) {
            return new RendererAnswer.Unavailable<>("HTTP 503");
        }
        return new RendererAnswer.Answered<>(endpoints.values().stream().filter(e -> e.apiKey().equals(credentials.apiKey()))
                .map(Endpoint::endpoint).toList());
    }

    @Override
    public synchronized RendererAnswer<WebhookSecret> rotateSecret(RendererCredentials credentials, String endpointId) {
        calls.add("rotate");
        if (unavailable) {
            return new RendererAnswer.Unavailable<>("HTTP 503");
        }
        Endpoint current = endpoints.get(endpointId);
        if (current == null || !current.apiKey().equals(credentials.apiKey())) {
            return new RendererAnswer.NotFound<>("no endpoint " + endpointId);
        }
        WebhookSecret secret = newSecret();
        endpoints.put(endpointId, new Endpoint(current.apiKey(), current.endpoint(), secret));
        return new RendererAnswer.Answered<>(secret);
    }

    @Override
    public synchronized RendererAnswer<String> delete(RendererCredentials credentials, String endpointId) {
        calls.add("delete");
        Endpoint current = endpoints.get(endpointId);
        if (current == null || !current.apiKey().equals(credentials.apiKey())) {
            return new RendererAnswer.NotFound<>("no endpoint " + endpointId);
        }
        endpoints.remove(endpointId);
        return new RendererAnswer.Answered<>(endpointId);
    }

    /** An endpoint registered by someone else (by hand, or by an installation whose database is gone). */
    public synchronized String registeredElsewhere(RendererCredentials credentials, URI url, boolean enabled) {
        WebhookEndpoint endpoint = new WebhookEndpoint("ep_" + ids.incrementAndGet(), url, Set.of(WebhookEvent.values()), enabled,
                Instant.parse("2026-11-21T09:00:00Z"));
        endpoints.put(endpoint.id(), new Endpoint(credentials.apiKey(), endpoint, newSecret()));
        return endpoint.id();
    }

    /** The secret the renderer signs with now for the endpoint. */
    public synchronized WebhookSecret secretOf(String endpointId) {
        return endpoints.get(endpointId).secret();
    }

    public synchronized List<WebhookEndpoint> endpoints() {
        return endpoints.values().stream().map(Endpoint::endpoint).toList();
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The renderer's probe of {@code url} fails from now on, so registering it is refused. */
    public void unreachable(URI url) {
        unreachable.add(url);
    }

    public void unavailable(boolean down) {
        this.unavailable = down;
    }

    private WebhookSecret newSecret() {
        return new WebhookSecret("whsec_test_" + ids.incrementAndGet() + "_" + Long.toHexString(System.nanoTime()));
    }
}
