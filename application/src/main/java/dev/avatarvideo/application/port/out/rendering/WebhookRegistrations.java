package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The webhook endpoints this service registered with renderer accounts, and their signing secrets. Secrets are kept
 * protected at rest; what comes back from here is usable.
 */
public interface WebhookRegistrations {

    /** Runs {@code work} while no other instance sets up the account's webhook. Calls made inside see and save together. */
    <T> T whileSettingUp(RendererAccount account, Supplier<T> work);

    Optional<WebhookRegistration> find(RendererAccount account, URI url);

    /** Saves the registration, replacing any for the same account and address. */
    void save(WebhookRegistration registration);

    /** Every secret the renderer account may sign its calls with now. */
    List<WebhookSecret> signingSecrets(RendererAccount account);

    /** An endpoint on a renderer account, with the secret it signs with. */
    record WebhookRegistration(RendererAccount account, URI url, String endpointId, WebhookSecret secret, Instant registeredAt) {

        public WebhookRegistration {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(registeredAt, "registeredAt");
        }
    }
}
