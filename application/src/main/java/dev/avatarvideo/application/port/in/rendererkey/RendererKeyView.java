package dev.avatarvideo.application.port.in.rendererkey;

import dev.avatarvideo.application.port.in.rendering.SetUpRendererWebhook;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What may be shown of a tenant's renderer key: never the key, only that one is set, whose account it opens and a
 * short fingerprint to tell keys apart.
 *
 * @param webhook how the renderer's webhook for the account was set up (webhook and hybrid modes)
 */
public record RendererKeyView(String accountName, String fingerprint, Instant registeredAt,
                              Optional<SetUpRendererWebhook.WebhookSetup> webhook) {

    public RendererKeyView {
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(webhook, "webhook");
    }
}
