package dev.avatarvideo.application.port.out.runtime;

import java.time.Instant;

/** The current time, replaceable in tests. Implementations keep microsecond precision, as the database does. */
@FunctionalInterface
public interface Clock {

    Instant now();
}
