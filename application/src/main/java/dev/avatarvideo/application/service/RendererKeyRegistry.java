package dev.avatarvideo.application.service;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.in.rendererkey.RegisterRendererKey;
import dev.avatarvideo.application.port.in.rendererkey.RegisterRendererKeyCommand;
import dev.avatarvideo.application.port.in.rendererkey.RemoveRendererKey;
import dev.avatarvideo.application.port.in.rendererkey.RendererKeyView;
import dev.avatarvideo.application.port.in.rendering.SetUpRendererWebhook.WebhookSetup;
import dev.avatarvideo.application.port.in.rendererkey.ShowRendererKey;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.rendering.RendererAccounts;
import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.application.port.out.rendering.RendererKeys;
import dev.avatarvideo.application.port.out.rendering.RendererKeys.TenantRendererKey;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * Tenants' own renderer keys, and so which account acts for whom: a tenant's key once it registered one, the
 * service-wide key otherwise. A key is accepted only after the renderer confirmed it; in the modes that receive
 * webhooks the account's webhook is set up right then. Keys are read from the repository on every use (one indexed
 * read), so a change counts on every instance at once.
 */
public final class RendererKeyRegistry implements RegisterRendererKey, ShowRendererKey, RemoveRendererKey, RendererAccounts {

    private static final Logger LOG = System.getLogger(RendererKeyRegistry.class.getName());

    private final RendererKeys keys;
    private final RendererKeyCheck check;
    private final RendererCredentials serviceCredentials;
    private final Optional<AccountWebhookSetups> webhooks;
    private final Clock clock;

    /** @param webhooks where the accounts' webhooks are set up; empty when renders are only polled */
    public RendererKeyRegistry(RendererKeys keys, RendererKeyCheck check, RendererCredentials serviceCredentials,
                               Optional<AccountWebhookSetups> webhooks, Clock clock) {
        this.keys = keys;
        this.check = check;
        this.serviceCredentials = Objects.requireNonNull(serviceCredentials, "serviceCredentials");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.clock = clock;
    }

    @Override
    public Outcome register(RegisterRendererKeyCommand command) {
        RendererCredentials credentials = command.credentials();
        switch (check.check(credentials)) {
            case RendererKeyCheck.KeyCheck.Invalid invalid -> {
                return new Outcome.Refused(invalid.message());
            }
            case RendererKeyCheck.KeyCheck.Unavailable unavailable -> {
                return new Outcome.Unavailable(unavailable.reason());
            }
            case RendererKeyCheck.KeyCheck.Valid valid -> {
                TenantRendererKey key = new TenantRendererKey(command.tenantId(), credentials, valid.accountName(), clock.now());
                keys.save(key);
                keys.forgetUnusedRetired();
                LOG.log(Level.INFO, "tenant {0} renders with its own key now (account {1})", command.tenantId(), credentials.fingerprint());
                Optional<WebhookSetup> webhook = webhooks.map(setups -> setups.setUp(credentials));
                return new Outcome.Registered(view(key, webhook));
            }
        }
    }

    @Override
    public Optional<RendererKeyView> show(TenantId tenantId) {
        return keys.current(tenantId).map(key -> view(key, webhooks.flatMap(setups -> setups.last(key.credentials().account()))));
    }

    @Override
    public boolean remove(TenantId tenantId) {
        boolean removed = keys.retire(tenantId, clock.now());
        if (removed) {
            keys.forgetUnusedRetired();
            LOG.log(Level.INFO, "tenant {0} renders with the service''s key again", tenantId);
        }
        return removed;
    }

    @Override
    public RendererCredentials credentialsFor(TenantId tenant) {
        return keys.current(tenant).map(TenantRendererKey::credentials).orElse(serviceCredentials);
    }

    @Override
    public RendererCredentials credentialsFor(TenantId tenant, Optional<RendererAccount> account) {
        return account.flatMap(this::byAccount).orElseGet(() -> credentialsFor(tenant));
    }

    private Optional<RendererCredentials> byAccount(RendererAccount account) {
        return account.equals(serviceCredentials.account()) ? Optional.of(serviceCredentials) : keys.byAccount(account);
    }

    /** Sets up the webhook of every tenant's account, as at start; answers how many are ready. */
    public int setUpWebhooks() {
        if (webhooks.isEmpty()) {
            return 0;
        }
        int ready = 0;
        for (TenantRendererKey key : keys.allCurrent()) {
            if (webhooks.get().setUp(key.credentials()).ready()) {
                ready++;
            }
        }
        return ready;
    }

    private static RendererKeyView view(TenantRendererKey key, Optional<WebhookSetup> webhook) {
        return new RendererKeyView(key.accountName(), key.credentials().fingerprint(), key.registeredAt(), webhook);
    }
}
