package dev.avatarvideo.adapters.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Drives the background use cases, one thread per loop. A loop runs a round, and runs the next at once while rounds
 * find work (a round answers how many items it handled); otherwise it waits its interval, or less when someone wakes it
 * (a new video was queued, a webhook arrived, an earlier step handed work on). A round that fails is logged and the
 * loop carries on after its interval: one bad answer from HeyGen or the database must not stop it for good.
 *
 * <p>Nothing here is state: every loop reads its work from the database, so waking up is only about promptness.
 *
 * <p>Stopping is graceful: no loop starts another round, the rounds under way (an ingest writing a file) may finish
 * within the grace period, and only then do the loops that keep the others' claims alive stop, so no other instance
 * takes over a video while this one is still finishing it. Every line a loop logs names the loop ({@code work} in the
 * logging context).
 */
public final class BackgroundWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
    /** The logging context's key naming the loop a line comes from. */
    static final String MDC_KEY = "work";

    private final Map<String, Loop> loops = new ConcurrentHashMap<>();
    private final Duration letRoundsFinish;

    /** @param letRoundsFinish how long stopping waits for the rounds under way before it interrupts them */
    public BackgroundWork(Duration letRoundsFinish) {
        this.letRoundsFinish = letRoundsFinish;
    }

    private final class Loop {

        private final String name;
        /** The name a wake-up reaches it by: its own, or its group's when it is one of several workers. */
        private final String wakeName;
        private final Duration interval;
        private final IntSupplier round;
        private final List<String> wakesAfterWork;
        private final boolean stopsLast;
        private final Semaphore wakeUps = new Semaphore(0);
        private final Thread thread;
        private volatile boolean running = true;
        private volatile boolean inRound;

        Loop(String name, String wakeName, Duration interval, IntSupplier round, List<String> wakesAfterWork, boolean stopsLast) {
            this.name = name;
            this.wakeName = wakeName;
            this.interval = interval;
            this.round = round;
            this.wakesAfterWork = wakesAfterWork;
            this.stopsLast = stopsLast;
            this.thread = Thread.ofPlatform().name("background-" + name).daemon().unstarted(this::run);
        }

        private void run() {
            MDC.put(MDC_KEY, wakeName);
            while (running) {
                int handled = 0;
                try {
                    inRound = true;
                    handled = round.getAsInt();
                    if (handled > 0) {
                        LOG.debug("{}: {} item(s) handled", name, handled);
                        wakesAfterWork.forEach(BackgroundWork.this::wake);
                    }
                } catch (RuntimeException e) {
                    LOG.error("{} round failed; trying again in {} ms", name, interval.toMillis(), e);
                } finally {
                    inRound = false;
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
    public void every(Duration interval, String name, IntSupplier round, String... wakesAfterWork) {
        start(new Loop(name, name, interval, round, List.of(wakesAfterWork), false));
    }

    /**
     * As {@link #every}, on {@code workers} loops at once ({@code name-1}, {@code name-2}, …), all woken by {@code name}:
     * for rounds that mostly wait on the network (a copy), each claiming its own work, so one slow item holds back
     * only its own loop.
     */
    public void everyOnWorkers(int workers, Duration interval, String name, IntSupplier round, String... wakesAfterWork) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
        if (loops.containsKey(name)) {
            throw new IllegalStateException("a loop named " + name + " runs already");
        }
        for (int worker = 1; worker <= workers; worker++) {
            start(new Loop(name + "-" + worker, name, interval, round, List.of(wakesAfterWork), false));
        }
    }

    /** As {@link #every}, for work the other loops rely on while they finish (renewing their claims): it stops after them. */
    public void everyUntilOthersStop(Duration interval, String name, IntSupplier round) {
        start(new Loop(name, name, interval, round, List.of(), true));
    }

    private void start(Loop loop) {
        String name = loop.name;
        if (loops.putIfAbsent(name, loop) != null) {
            throw new IllegalStateException("a loop named " + name + " runs already");
        }
        loop.thread.start();
    }

    /** Makes the loop run its next round now instead of after its interval; unknown names are ignored. */
    public void wake(String name) {
        loops.values().stream().filter(loop -> loop.wakeName.equals(name)).forEach(loop -> loop.wakeUps.release());
    }

    /**
     * Lets the rounds in progress finish (an ingest may be writing a file) before the database goes away: no loop starts
     * another round, and each gets until the grace period is over; one still running then is interrupted (its claims
     * lapse, and another instance, or this one restarted, carries its work on).
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + letRoundsFinish.toNanos();
        List<Loop> first = loops.values().stream().filter(loop -> !loop.stopsLast).toList();
        List<Loop> last = loops.values().stream().filter(loop -> loop.stopsLast).toList();
        List<String> busy = first.stream().filter(loop -> loop.inRound).map(loop -> loop.name).toList();
        LOG.info("stopping background work: no new rounds; waiting up to {} ms for the rounds under way {}", letRoundsFinish.toMillis(), busy);
        if (stop(first, deadline)) {
            stop(last, deadline);
        }
    }

    /** Answers false when the caller was interrupted meanwhile: then everything has been interrupted. */
    private boolean stop(List<Loop> stopping, long deadline) {
        stopping.forEach(loop -> {
            loop.running = false;
            loop.wakeUps.release();
        });
        for (Loop loop : stopping) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                loop.thread.join(left);
                if (loop.thread.isAlive()) {
                    LOG.warn("background loop {} did not finish within {} ms; interrupting it", loop.name, letRoundsFinish.toMillis());
                    loop.thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loops.values().forEach(l -> l.thread.interrupt());
                return false;
            }
        }
        return true;
    }
}
