package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RegisteredWebhook;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.WebhookEndpoint;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The addresses a renderer account calls when renders finish. Secrets are handed out only by {@link #register} and
 * {@link #rotateSecret}; a listing never shows them.
 */
public interface RendererWebhooks {

    /** Registers {@code url} for {@code events} (at least one); the renderer checks it can reach the URL first. */
    RendererAnswer<RegisteredWebhook> register(RendererCredentials credentials, URI url, Set<WebhookEvent> events);

    RendererAnswer<List<WebhookEndpoint>> list(RendererCredentials credentials);

    /** A new signing secret; the old one stops working at once. */
    RendererAnswer<WebhookSecret> rotateSecret(RendererCredentials credentials, String endpointId);

    /** Answers the id of the endpoint removed. */
    RendererAnswer<String> delete(RendererCredentials credentials, String endpointId);
}
