package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.TenantsContract;

class InMemoryTenantsTest extends TenantsContract {

    @Override
    protected Store newStore() {
        return new Store(new InMemoryTenants(), new InMemoryApiKeys());
    }
}
