package dev.avatarvideo.bootstrap;

import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.domain.RendererCredentials;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts the key checks made of the renderer: at start, and by the readiness probe (at most one per freshness period). */
final class MeteredRendererKeyCheck implements RendererKeyCheck {

    private final RendererKeyCheck check;
    private final MeteredVideoRenderers.RendererCallMeters meters;

    MeteredRendererKeyCheck(RendererKeyCheck check, MeterRegistry registry) {
        this.check = check;
        this.meters = new MeteredVideoRenderers.RendererCallMeters(registry);
    }

    @Override
    public KeyCheck check(RendererCredentials credentials) {
        return meters.call("check_key", () -> check.check(credentials), answer -> ServiceMetrics.tagOf(answer.getClass()),
                answer -> !(answer instanceof KeyCheck.Valid));
    }
}
