package dev.avatarvideo.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the background use cases, one thread per loop. A loop runs a round, and runs the next at once while rounds
 * find work (a round answers how many items it handled); otherwise it waits its interval, or less when someone wakes it
 * (a new video was queued, a webhook arrived, an earlier step handed work on). A round that fails is logged and the
 * loop carries on after its interval: one bad answer from HeyGen or the database must not stop it for good.
 *
 * <p>Nothing here is state: every loop reads its work from the database, so waking up is only about promptness.
 */
final class BackgroundWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
    private static final Duration LET_ROUNDS_FINISH = Duration.ofSeconds(30);

    private final Map<String, Loop> loops = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private final class Loop {

        private final String name;
        private final Duration interval;
        private final IntSupplier round;
        private final List<String> wakesAfterWork;
        private final Semaphore wakeUps = new Semaphore(0);
        private final Thread thread;

        Loop(String name, Duration interval, IntSupplier round, List<String> wakesAfterWork) {
            this.name = name;
            this.interval = interval;
            this.round = round;
            this.wakesAfterWork = wakesAfterWork;
            this.thread = Thread.ofPlatform().name("background-" + name).daemon().unstarted(this::run);
        }

        private void run() {
            while (running) {
                int handled = 0;
                try {
                    handled = round.getAsInt();
                    if (handled > 0) {
                        LOG.debug("{}: {} item(s) handled", name, handled);
                        wakesAfterWork.forEach(BackgroundWork.this::wake);
                    }
                } catch (RuntimeException e) {
                    LOG.error("{} round failed; trying again in {} ms", name, interval.toMillis(), e);
                }
                if (handled == 0 && !pause()) {
                    return;
                }
            }
        }

        /** Answers false when interrupted: the work is being stopped. */
        private boolean pause() {
            try {
                if (wakeUps.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Runs {@code round} in a loop of its own, at the latest every {@code interval}, waking {@code wakesAfterWork} when it did some. */
    void every(Duration interval, String name, IntSupplier round, String... wakesAfterWork) {
        Loop loop = new Loop(name, interval, round, List.of(wakesAfterWork));
        if (loops.putIfAbsent(name, loop) != null) {
            throw new IllegalStateException("a loop named " + name + " runs already");
        }
        loop.thread.start();
    }

    /** Makes the loop run its next round now instead of after its interval; unknown names are ignored. */
    void wake(String name) {
        Loop loop = loops.get(name);
        if (loop != null) {
            loop.wakeUps.release();
        }
    }

    /** Lets a round in progress finish (an ingest may be writing a file) before the database goes away. */
    @Override
    public void close() {
        running = false;
        loops.values().forEach(loop -> loop.wakeUps.release());
        long deadline = System.nanoTime() + LET_ROUNDS_FINISH.toNanos();
        for (Loop loop : loops.values()) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                loop.thread.join(left);
                if (loop.thread.isAlive()) {
                    LOG.warn("background loop {} did not finish within {}; interrupting it", loop.name, LET_ROUNDS_FINISH);
                    loop.thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loops.values().forEach(l -> l.thread.interrupt());
                return;
            }
        }
    }
}
