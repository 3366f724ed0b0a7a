package dev.avatarvideo.application.service;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.in.rendering.SetUpRendererWebhook;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.rendering.RendererWebhooks;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations.WebhookRegistration;
import dev.avatarvideo.domain.RegisteredWebhook;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.WebhookEndpoint;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sees to it that the renderer account calls {@code url} when renders finish, and that we can verify those calls.
 *
 * <p>With a configured secret the operator manages the endpoint: nothing is registered or rotated, we only check that
 * an endpoint for {@code url} exists. Otherwise, under a lock all instances share: an endpoint we registered before
 * and whose secret we keep is reused; an endpoint for {@code url} whose secret we do not know (registered by hand, or
 * the database was replaced) gets a new secret by rotation; without one, it is registered. The secret is saved before
 * anything is answered, so no instance ever holds one the others cannot read.
 */
public final class RendererWebhookSetup implements SetUpRendererWebhook {

    private static final Logger LOG = System.getLogger(RendererWebhookSetup.class.getName());

    private final RendererWebhooks webhooks;
    private final WebhookRegistrations registrations;
    private final RendererCredentials credentials;
    private final URI url;
    private final Optional<WebhookSecret> configuredSecret;
    private final Clock clock;
    private volatile WebhookSetup last = new WebhookSetup(false, Optional.empty(), "not set up yet");

    public RendererWebhookSetup(RendererWebhooks webhooks, WebhookRegistrations registrations, RendererCredentials credentials, URI url,
                                Optional<WebhookSecret> configuredSecret, Clock clock) {
        this.webhooks = webhooks;
        this.registrations = registrations;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.url = Objects.requireNonNull(url, "url");
        this.configuredSecret = Objects.requireNonNull(configuredSecret, "configuredSecret");
        this.clock = clock;
    }

    @Override
    public WebhookSetup setUp() {
        WebhookSetup result = configuredSecret.isPresent() ? checkConfigured() : registrations.whileSettingUp(credentials.account(), this::registerOrReuse);
        last = result;
        LOG.log(result.ready() ? Level.INFO : Level.WARNING, "renderer webhook at {0}: {1}", url, result.detail());
        return result;
    }

    /** What the latest {@link #setUp()} of this instance found. */
    public WebhookSetup lastSetup() {
        return last;
    }

    public URI url() {
        return url;
    }

    private WebhookSetup checkConfigured() {
        RendererAnswer<List<WebhookEndpoint>> listed = webhooks.list(credentials);
        if (listed.answered().isEmpty()) {
            return new WebhookSetup(true, Optional.empty(), "using the configured signing secret; could not check the renderer's"
                    + " endpoints (" + describe(listed) + ")");
        }
        return ours(listed.answered().get())
                .map(endpoint -> new WebhookSetup(endpoint.enabled(), Optional.of(endpoint.id()), "using the configured signing secret for"
                        + " endpoint " + endpoint.id() + (endpoint.enabled() ? "" : ", which is DISABLED at the renderer")))
                .orElseGet(() -> new WebhookSetup(false, Optional.empty(), "using the configured signing secret, but the renderer"
                        + " account has no endpoint for " + url + ": register it with that secret, or unset the secret to let"
                        + " the service register it"));
    }

    private WebhookSetup registerOrReuse() {
        RendererAccount account = credentials.account();
        RendererAnswer<List<WebhookEndpoint>> listed = webhooks.list(credentials);
        if (listed.answered().isEmpty()) {
            return new WebhookSetup(false, Optional.empty(), "could not list the renderer's webhook endpoints (" + describe(listed) + ")");
        }
        Optional<WebhookEndpoint> existing = ours(listed.answered().get());
        Optional<WebhookRegistration> known = registrations.find(account, url);
        if (existing.isPresent()) {
            WebhookEndpoint endpoint = existing.get();
            if (known.isPresent() && known.get().endpointId().equals(endpoint.id())) {
                return settled(endpoint, "reusing endpoint " + endpoint.id());
            }
            RendererAnswer<WebhookSecret> rotated = webhooks.rotateSecret(credentials, endpoint.id());
            if (rotated.answered().isEmpty()) {
                return new WebhookSetup(false, Optional.of(endpoint.id()), "endpoint " + endpoint.id() + " exists but its secret is"
                        + " unknown here, and rotating it failed (" + describe(rotated) + ")");
            }
            registrations.save(new WebhookRegistration(account, url, endpoint.id(), rotated.answered().get(), clock.now()));
            return settled(endpoint, "endpoint " + endpoint.id() + " existed with a secret unknown here; rotated it");
        }
        RendererAnswer<RegisteredWebhook> registered = webhooks.register(credentials, url, EnumSet.allOf(WebhookEvent.class));
        if (registered.answered().isEmpty()) {
            return new WebhookSetup(false, Optional.empty(), "registering " + url + " failed (" + describe(registered) + ")");
        }
        RegisteredWebhook webhook = registered.answered().get();
        registrations.save(new WebhookRegistration(account, url, webhook.endpoint().id(), webhook.secret(), clock.now()));
        return settled(webhook.endpoint(), "registered endpoint " + webhook.endpoint().id());
    }

    private WebhookSetup settled(WebhookEndpoint endpoint, String detail) {
        if (!endpoint.enabled()) {
            return new WebhookSetup(false, Optional.of(endpoint.id()), detail + ", but it is DISABLED at the renderer: enable it there");
        }
        if (!endpoint.events().containsAll(EnumSet.allOf(WebhookEvent.class))) {
            return new WebhookSetup(true, Optional.of(endpoint.id()), detail + "; note it is not subscribed to every render event ("
                    + endpoint.events() + "), so some renders are only seen by polling");
        }
        return new WebhookSetup(true, Optional.of(endpoint.id()), detail);
    }

    private Optional<WebhookEndpoint> ours(List<WebhookEndpoint> endpoints) {
        return endpoints.stream().filter(endpoint -> sameAddress(endpoint.url(), url)).findFirst();
    }

    /** The renderer may echo the address with or without a trailing slash. */
    private static boolean sameAddress(URI a, URI b) {
        return strip(a.toString()).equals(strip(b.toString()));
    }

    private static String strip(String address) {
        return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }

    private static String describe(RendererAnswer<?> answer) {
        return switch (answer) {
            case RendererAnswer.Answered<?> a -> "answered";
            case RendererAnswer.KeyRejected<?> k -> "the renderer refuses the API key: " + k.message();
            case RendererAnswer.Refused<?> r -> "refused" + (r.field() == null ? "" : " (" + r.field() + ")") + ": " + r.message();
            case RendererAnswer.NotFound<?> n -> "not found: " + n.message();
            case RendererAnswer.RateLimited<?> r -> "rate limited; retry after " + r.retryAfter();
            case RendererAnswer.Unavailable<?> u -> "unavailable: " + u.reason();
        };
    }
}
