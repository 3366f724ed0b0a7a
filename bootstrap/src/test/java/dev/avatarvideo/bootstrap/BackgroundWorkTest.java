package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Loops with an interval far longer than any test: whatever runs sooner ran because it was woken or had work. */
class BackgroundWorkTest {

    private static final Duration NEVER = Duration.ofHours(1);

    @Test
    void aWokenLoopRunsItsNextRoundNow() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        try (BackgroundWork work = new BackgroundWork()) {
            work.every(NEVER, "woken", () -> {
                rounds.incrementAndGet();
                second.countDown();
                return 0;
            });
            awaitRounds(rounds, 1);

            work.wake("woken");

            assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aLoopThatFindsWorkRunsAgainAtOnceAndWakesTheNextStep() throws Exception {
        AtomicInteger left = new AtomicInteger(3);
        CountDownLatch nextStep = new CountDownLatch(1);
        try (BackgroundWork work = new BackgroundWork()) {
            work.every(NEVER, "next", () -> {
                if (left.get() == 0) {
                    nextStep.countDown();
                }
                return 0;
            });
            work.every(NEVER, "busy", () -> left.get() > 0 ? Math.min(1, left.getAndDecrement()) : 0, "next");

            assertThat(nextStep.await(30, TimeUnit.SECONDS)).as("the busy loop drained its work and woke the next").isTrue();
            assertThat(left.get()).isZero();
        }
    }

    @Test
    void aFailingRoundDoesNotEndTheLoop() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        try (BackgroundWork work = new BackgroundWork()) {
            work.every(Duration.ofMillis(10), "flaky", () -> {
                if (rounds.incrementAndGet() == 1) {
                    throw new IllegalStateException("database briefly gone");
                }
                return 0;
            });

            awaitRounds(rounds, 3);
        }
    }

    private static void awaitRounds(AtomicInteger rounds, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rounds.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(rounds.get()).isGreaterThanOrEqualTo(atLeast);
    }
}
