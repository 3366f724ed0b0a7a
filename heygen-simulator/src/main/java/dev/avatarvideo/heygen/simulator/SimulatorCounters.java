package dev.avatarvideo.heygen.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/** What the simulator has done, for tests and the admin route to check against. */
final class SimulatorCounters {

    final AtomicInteger rendersStarted = new AtomicInteger();
    final AtomicInteger downloadsStarted = new AtomicInteger();
    final AtomicInteger videoDownloads = new AtomicInteger();
    final AtomicInteger truncatedDownloads = new AtomicInteger();
    final AtomicInteger webhookDeliveries = new AtomicInteger();
}
