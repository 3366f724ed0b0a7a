package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.adapters.heygen.HeyGenWebhooks;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.application.service.AccountWebhookSetups;
import dev.avatarvideo.application.service.RendererCatalogQueries;
import dev.avatarvideo.application.service.RendererIdCheck;
import dev.avatarvideo.application.service.RendererKeyRegistry;
import dev.avatarvideo.application.service.RendererWebhookSetup;
import java.net.URI;
import java.util.Optional;

/**
 * Which HeyGen account each tenant renders with (the key it registered, else the service's), the webhook each account
 * calls, and what the tenant may choose from: its account's avatars and voices.
 */
record TenantRendering(WebhookRegistrations registrations, RendererKeyRegistry accounts, Optional<AccountWebhookSetups> accountWebhooks,
                       RendererCatalogQueries catalogQueries, RendererIdCheck rendererIds) {

    static TenantRendering wire(Configuration config, int port, Persistence persistence, HeyGen heygen) {
        PostgresDatabase database = persistence.database();
        WebhookRegistrations registrations = database.webhookRegistrations(persistence.sealing());
        // Each tenant's own HeyGen account calls an address of its own, where only its secret verifies the call.
        Optional<AccountWebhookSetups> accountWebhooks = config.webhookUrlFor(port).map(url -> new AccountWebhookSetups(credentials ->
                new RendererWebhookSetup(new HeyGenWebhooks(heygen.settings()), registrations, credentials,
                        URI.create(url + "/" + credentials.fingerprint()), Optional.empty(), CLOCK)));
        // A tenant renders with the HeyGen key it registered, else with the service's.
        RendererKeyRegistry accounts = new RendererKeyRegistry(database.rendererKeys(persistence.sealing()), heygen.keyCheck(),
                heygen.serviceKey(), accountWebhooks, CLOCK);
        return new TenantRendering(registrations, accounts, accountWebhooks, new RendererCatalogQueries(heygen.catalog(), accounts),
                new RendererIdCheck(heygen.catalog(), accounts, RendererIdCheck.DEFAULT_PATIENCE));
    }
}
