package dev.avatarvideo.application.service;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.in.rendering.SetUpRendererWebhook.WebhookSetup;
import dev.avatarvideo.domain.RendererCredentials;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The renderer webhooks of the accounts tenants brought (webhook and hybrid modes): each account calls an address of
 * its own, named by its key's fingerprint, with a signing secret of its own, so a call verifies only with the secret of
 * the account it claims to come from. Set up when a key is accepted and at start; whatever could not be set up then is
 * tried again by {@link #retryUnready()}.
 */
public final class AccountWebhookSetups {

    private final Function<RendererCredentials, RendererWebhookSetup> setupFor;
    private final Map<RendererAccount, RendererWebhookSetup> byAccount = new ConcurrentHashMap<>();

    /** @param setupFor the setup of one account's webhook (its address and secret handling) */
    public AccountWebhookSetups(Function<RendererCredentials, RendererWebhookSetup> setupFor) {
        this.setupFor = setupFor;
    }

    /** Registers the account's webhook, or reuses the registration there, and answers how that went. */
    public WebhookSetup setUp(RendererCredentials credentials) {
        return byAccount.computeIfAbsent(credentials.account(), account -> setupFor.apply(credentials)).setUp();
    }

    /** What the latest setup of the account on this instance found; empty when it was never set up here. */
    public Optional<WebhookSetup> last(RendererAccount account) {
        return Optional.ofNullable(byAccount.get(account)).map(RendererWebhookSetup::lastSetup);
    }

    /** Tries again every setup that is not ready; answers how many are ready now. */
    public int retryUnready() {
        int ready = 0;
        for (RendererWebhookSetup setup : byAccount.values()) {
            if (setup.lastSetup().ready() || setup.setUp().ready()) {
                ready++;
            }
        }
        return ready;
    }
}
