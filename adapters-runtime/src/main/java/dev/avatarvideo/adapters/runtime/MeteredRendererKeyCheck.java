package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.domain.RendererCredentials;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts the key checks made of the renderer: at start, and by the readiness probe (at most one per freshness period). */
public final class MeteredRendererKeyCheck implements RendererKeyCheck {

    private final RendererKeyCheck check;
    private final RendererCallMeters meters;

    public MeteredRendererKeyCheck(RendererKeyCheck check, MeterRegistry registry) {
        this.check = check;
        this.meters = new RendererCallMeters(registry);
    }

    @Override
    public KeyCheck check(RendererCredentials credentials) {
        return meters.call("check_key", () -> check.check(credentials), answer -> ServiceMetrics.tagOf(answer.getClass()),
                answer -> !(answer instanceof KeyCheck.Valid));
    }
}
