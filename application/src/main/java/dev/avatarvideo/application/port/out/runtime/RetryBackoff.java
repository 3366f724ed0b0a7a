package dev.avatarvideo.application.port.out.runtime;

import java.time.Duration;

/** How long to wait before trying again after a number of consecutive failures. */
@FunctionalInterface
public interface RetryBackoff {

    /** @param failures how many attempts have failed in a row so far, at least 1 */
    Duration delayAfter(int failures);
}
