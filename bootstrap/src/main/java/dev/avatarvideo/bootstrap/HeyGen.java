package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.heygen.CachingRendererCatalog;
import dev.avatarvideo.adapters.heygen.HeyGenKeyCheck;
import dev.avatarvideo.adapters.heygen.HeyGenRendererCatalog;
import dev.avatarvideo.adapters.heygen.HeyGenSettings;
import dev.avatarvideo.adapters.heygen.HeyGenVideoRenderers;
import dev.avatarvideo.adapters.runtime.DependencyProbes;
import dev.avatarvideo.adapters.runtime.MeteredRendererCatalog;
import dev.avatarvideo.adapters.runtime.MeteredRendererKeyCheck;
import dev.avatarvideo.adapters.runtime.MeteredVideoRenderers;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.application.port.out.rendering.VideoRenderers;
import dev.avatarvideo.application.port.out.runtime.DependencyProbe;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HeyGen (the configured account, else the built-in simulator) behind the rendering out-ports, every call metered. */
record HeyGen(HeyGenSettings settings, RendererCredentials serviceKey, RendererKeyCheck keyCheck, VideoRenderers renderers,
              RendererCatalog catalog, MeterRegistry meters) {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGen.class);
    /** Under DATA_DIR: where the built-in simulator keeps its state. */
    static final String SIMULATOR_STATE = "heygen-simulator";

    static HeyGen connect(Configuration config, MeterRegistry meters, Running running) {
        HeyGenSettings heygen = config.heygen()
                .map(account -> HeyGenSettings.of(account.baseUrl(), account.apiKey()))
                .orElseGet(() -> {
                    HeyGenSimulator simulator = running.started(startSimulator(config));
                    return HeyGenSettings.of(simulator.baseUrl(), simulator.apiKey());
                });
        RendererCredentials heygenKey = new RendererCredentials(heygen.apiKey());
        RendererKeyCheck keyCheck = new MeteredRendererKeyCheck(new HeyGenKeyCheck(heygen), meters);
        checkHeyGenKey(keyCheck, heygenKey, heygen);
        VideoRenderers renderers = new MeteredVideoRenderers(new HeyGenVideoRenderers(heygen), meters);
        ExecutorService listingRefreshes = running.started(Executors.newVirtualThreadPerTaskExecutor());
        RendererCatalog catalog = new CachingRendererCatalog(new MeteredRendererCatalog(new HeyGenRendererCatalog(heygen), meters),
                CachingRendererCatalog.DEFAULT_REFRESH_AFTER, CachingRendererCatalog.DEFAULT_EXPIRE_AFTER, listingRefreshes);
        return new HeyGen(heygen, heygenKey, keyCheck, renderers, catalog, meters);
    }

    /**
     * For readiness: HeyGen's cheapest authenticated call, asked without retries and with short timeouts, so a probe
     * never waits on HeyGen longer than it may.
     */
    DependencyProbe probe(Duration timeout) {
        HeyGenSettings quick = new HeyGenSettings(settings.baseUrl(), settings.apiKey(), timeout, timeout, settings.downloadTimeout(),
                new HeyGenSettings.Retries(1, Duration.ofMillis(1), Duration.ofMillis(1), timeout, Duration.ZERO));
        return DependencyProbes.heygen(new MeteredRendererKeyCheck(new HeyGenKeyCheck(quick), meters), serviceKey);
    }

    /**
     * The built-in HeyGen simulator, for a start without HEYGEN_API_KEY. It keeps what it accepted under
     * {@code DATA_DIR/heygen-simulator}, so a restart during a render changes nothing for the video; and it accepts
     * {@code http://} webhook URLs (HeyGen wants https), since a service on loopback registers one for itself.
     */
    private static HeyGenSimulator startSimulator(Configuration config) {
        Path state = config.dataDir().resolve(SIMULATOR_STATE);
        HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(config.simulatorRenderTime())
                .withStateDirectory(state).withHttpWebhookUrlsAllowed());
        LOG.info("HeyGen SIMULATOR in-process: state kept in {}; http:// webhook URLs allowed (a test setting: the real HeyGen"
                + " requires https)", state);
        return simulator;
    }

    /**
     * A key HeyGen refuses is a configuration mistake: stop at start, naming the variable, instead of failing every
     * video later. When HeyGen cannot be asked, start anyway; the renders will wait for it.
     */
    private static void checkHeyGenKey(RendererKeyCheck keyCheck, RendererCredentials key, HeyGenSettings heygen) {
        switch (keyCheck.check(key)) {
            case RendererKeyCheck.KeyCheck.Valid valid -> LOG.info("HeyGen at {} accepts the API key (account {})", heygen.baseUrl(), valid.accountName());
            case RendererKeyCheck.KeyCheck.Invalid invalid -> throw new ConfigurationException(
                    "HEYGEN_API_KEY is refused by HeyGen at " + heygen.baseUrl() + ": " + invalid.message());
            case RendererKeyCheck.KeyCheck.Unavailable unavailable -> LOG.warn(
                    "could not check the HeyGen API key at {} ({}); starting anyway", heygen.baseUrl(), unavailable.reason());
        }
    }
}
