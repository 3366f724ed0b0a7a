package dev.avatarvideo.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.video.VideoEventNotifications;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each signal wakes the loop that does its work, and only that one; loops that are never woken run once, at their start. */
class LoopSignalsTest {

    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofSeconds(30);

    @Test
    void aQueuedVideoWakesTheSubmitterAndAnAcceptedEventTheEventLoopAndTheSubmitter() throws Exception {
        Map<String, AtomicInteger> rounds = new ConcurrentHashMap<>();
        try (BackgroundWork work = new BackgroundWork(GRACE)) {
            CountDownLatch started = startLoops(work, rounds, LoopSignals.SUBMIT, LoopSignals.EVENTS, LoopSignals.NOTIFY);
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            LoopSignals signals = new LoopSignals(work);

            signals.videoQueued();
            awaitRounds(rounds.get(LoopSignals.SUBMIT), 2);
            signals.renderEventAccepted();
            awaitRounds(rounds.get(LoopSignals.EVENTS), 2);
            awaitRounds(rounds.get(LoopSignals.SUBMIT), 3);

            assertThat(rounds.get(LoopSignals.NOTIFY).get()).as("a loop no signal is about").isEqualTo(1);
        }
    }

    @Test
    void everyVideoEventWakeUpReachesItsListenerAndTheOutbox() throws Exception {
        AtomicReference<Runnable> source = new AtomicReference<>();
        VideoEventNotifications listening = wakeUp -> {
            source.set(wakeUp);
            return () -> source.set(null);
        };
        AtomicInteger listenerWakeUps = new AtomicInteger();
        Map<String, AtomicInteger> rounds = new ConcurrentHashMap<>();
        try (BackgroundWork work = new BackgroundWork(GRACE)) {
            assertThat(startLoops(work, rounds, LoopSignals.NOTIFY, LoopSignals.SUBMIT).await(30, TimeUnit.SECONDS)).isTrue();
            AutoCloseable subscription = new OutboxWakingEventNotifications(listening, work).onNewEvents(listenerWakeUps::incrementAndGet);

            source.get().run();

            awaitRounds(rounds.get(LoopSignals.NOTIFY), 2);
            assertThat(listenerWakeUps.get()).isEqualTo(1);
            assertThat(rounds.get(LoopSignals.SUBMIT).get()).isEqualTo(1);
            subscription.close();
            assertThat(source.get()).as("closing the answer stops the source it wraps").isNull();
        }
    }

    /** Counts down once every loop ran its first round. */
    private static CountDownLatch startLoops(BackgroundWork work, Map<String, AtomicInteger> rounds, String... names) {
        CountDownLatch started = new CountDownLatch(names.length);
        for (String name : List.of(names)) {
            AtomicInteger count = rounds.computeIfAbsent(name, any -> new AtomicInteger());
            work.every(NEVER, name, () -> {
                if (count.incrementAndGet() == 1) {
                    started.countDown();
                }
                return 0;
            });
        }
        return started;
    }

    private static void awaitRounds(AtomicInteger rounds, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rounds.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(rounds.get()).isGreaterThanOrEqualTo(atLeast);
    }
}
