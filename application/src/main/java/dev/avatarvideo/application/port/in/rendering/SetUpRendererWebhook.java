package dev.avatarvideo.application.port.in.rendering;

import java.util.Optional;

/**
 * Make sure the renderer calls this service: register its webhook address with the renderer account, or reuse the
 * registration there, and keep the signing secret. Safe to call from several instances at once.
 */
public interface SetUpRendererWebhook {

    WebhookSetup setUp();

    /**
     * Where the setup stands.
     *
     * @param ready whether renders will be announced: the endpoint is registered (and enabled) and its secret known
     * @param endpointId the renderer's id of the endpoint, when one was found or registered
     * @param detail what was done, or why it could not be (to try again later)
     */
    record WebhookSetup(boolean ready, Optional<String> endpointId, String detail) {
    }
}
