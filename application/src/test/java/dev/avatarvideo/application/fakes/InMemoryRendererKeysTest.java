package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.RendererKeysContract;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

class InMemoryRendererKeysTest extends RendererKeysContract {

    private final Set<String> accountsInFlight = ConcurrentHashMap.newKeySet();

    @Override
    protected Store newStore() {
        InMemoryRendererKeys keys = new InMemoryRendererKeys();
        keys.rendersInFlightOn(accountsInFlight::contains);
        return new Store(new InMemoryTenants(), keys);
    }

    @Override
    protected void renderInFlightOn(String account) {
        accountsInFlight.add(account);
    }
}
