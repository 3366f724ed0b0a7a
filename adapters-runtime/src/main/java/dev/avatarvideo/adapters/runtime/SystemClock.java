package dev.avatarvideo.adapters.runtime;

import dev.avatarvideo.application.port.out.runtime.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The computer's clock, to the microsecond: what PostgreSQL keeps, so a time read back equals the time written. */
public final class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
