package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.RendererKeysContract;
import dev.avatarvideo.domain.RendererAccount;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

class InMemoryRendererKeysTest extends RendererKeysContract {

    private final Set<RendererAccount> accountsInFlight = ConcurrentHashMap.newKeySet();

    @Override
    protected Store newStore() {
        InMemoryRendererKeys keys = new InMemoryRendererKeys();
        keys.rendersInFlightOn(accountsInFlight::contains);
        return new Store(new InMemoryTenants(), keys);
    }

    @Override
    protected void renderInFlightOn(RendererAccount account) {
        accountsInFlight.add(account);
    }
}
