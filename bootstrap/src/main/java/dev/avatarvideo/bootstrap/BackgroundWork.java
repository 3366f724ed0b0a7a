package dev.avatarvideo.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the background use cases (submit, track, ingest, sweep) on fixed intervals, one thread each. A round that fails is logged and the
 * next one runs as planned: one bad answer from HeyGen or the database must not stop the loop for good.
 */
final class BackgroundWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, Thread.ofPlatform().name("background-", 0).daemon().factory());

    void every(Duration interval, String name, IntSupplier round) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int changed = round.getAsInt();
                if (changed > 0) {
                    LOG.debug("{}: {} item(s) handled", name, changed);
                }
            } catch (RuntimeException e) {
                LOG.error("{} round failed; trying again in {} ms", name, interval.toMillis(), e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a round in progress finish (an ingest may be writing a file) before the database goes away. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("background work did not finish within 30 s; stopping it");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
