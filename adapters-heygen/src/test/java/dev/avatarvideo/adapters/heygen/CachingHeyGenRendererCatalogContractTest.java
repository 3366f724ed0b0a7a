package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.application.contract.RendererCatalogContract;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The cache over the HeyGen adapter keeps the port's contract. Here every entry is due for refresh at once and the
 * refresh runs on the reading thread, so after new looks appear, one read (answered from the cache) refreshes the
 * listing and the next one shows them: the cache's promise, never waiting on HeyGen but not stale for long either.
 */
class CachingHeyGenRendererCatalogContractTest extends RendererCatalogContract {

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults());
    private final RendererCatalog catalog = new CachingRendererCatalog(new HeyGenRendererCatalog(Fixtures.settings(simulator)),
            Duration.ofNanos(1), Duration.ofMinutes(1), Runnable::run);

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Override
    protected RendererCatalog catalog() {
        return catalog;
    }

    @Override
    protected RendererCredentials acceptedCredentials() {
        return new RendererCredentials(simulator.apiKey());
    }

    @Override
    protected void addLooks(int count) {
        simulator.addGeneratedLooks(count);
        catalog.avatarLooks(acceptedCredentials(), dev.avatarvideo.domain.AvatarLookFilter.ALL);
    }
}
