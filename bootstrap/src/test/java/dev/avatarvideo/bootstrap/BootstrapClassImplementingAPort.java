package dev.avatarvideo.bootstrap;

import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.DependencyProbe;
import java.time.Instant;

/**
 * A deliberate violation, for proving {@link BootstrapImplementsNoPortTest}'s rule can fail: a port implemented in
 * bootstrap, by a named class and by an anonymous one (as readiness probes once were).
 */
final class BootstrapClassImplementingAPort implements Clock {

    @Override
    public Instant now() {
        return Instant.EPOCH;
    }

    static DependencyProbe probe() {
        return new DependencyProbe() {
            @Override
            public String name() {
                return "planted";
            }

            @Override
            public Result probe() {
                return Result.up("planted");
            }
        };
    }
}
