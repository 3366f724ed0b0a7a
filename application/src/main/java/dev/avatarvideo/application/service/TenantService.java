package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.tenant.CreateTenant;
import dev.avatarvideo.application.port.in.tenant.CreateTenantCommand;
import dev.avatarvideo.application.port.in.tenant.IssueApiKey;
import dev.avatarvideo.application.port.in.tenant.IssuedApiKey;
import dev.avatarvideo.application.port.in.tenant.ListTenants;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.tenant.Tenants;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** Creates tenants, each with its first API key in the same unit of work, so no tenant exists that nobody can use. */
public final class TenantService implements CreateTenant, ListTenants {

    private final Tenants tenants;
    private final IssueApiKey keys;
    private final Transactions transactions;
    private final Clock clock;

    public TenantService(Tenants tenants, IssueApiKey keys, Transactions transactions, Clock clock) {
        this.tenants = tenants;
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public CreatedTenant create(CreateTenantCommand command) {
        return tryCreate(new Tenant(command.id(), command.name(), clock.now()), command.keyName())
                .orElseThrow(() -> new TenantExistsException("tenant '" + command.id() + "' exists already"));
    }

    /**
     * On a first start: creates the tenant with a key when there is no tenant at all, and answers it. Answers empty when
     * any tenant exists (or another instance, starting at the same time, created this one first).
     */
    public Optional<CreatedTenant> createFirst(TenantId id, String keyName) {
        if (!tenants.isEmpty()) {
            return Optional.empty();
        }
        return tryCreate(new Tenant(id, null, clock.now()), keyName);
    }

    private Optional<CreatedTenant> tryCreate(Tenant tenant, String keyName) {
        return transactions.inTransaction(() -> {
            if (!tenants.add(tenant)) {
                return Optional.empty();
            }
            IssuedApiKey key = keys.issue(tenant.id(), keyName);
            return Optional.of(new CreatedTenant(tenant, key));
        });
    }

    @Override
    public List<Tenant> list() {
        return tenants.list();
    }
}
