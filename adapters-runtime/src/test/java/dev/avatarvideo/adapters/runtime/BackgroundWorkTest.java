package dev.avatarvideo.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Loops with an interval far longer than any test: whatever runs sooner ran because it was woken or had work. */
class BackgroundWorkTest {

    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofSeconds(30);

    @Test
    void aWokenLoopRunsItsNextRoundNow() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        try (BackgroundWork work = new BackgroundWork(GRACE)) {
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
        try (BackgroundWork work = new BackgroundWork(GRACE)) {
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
    void workersRunTheirRoundsAtOnceAndAreAllWokenByTheirGroupsName() throws Exception {
        CountDownLatch allInRound = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        try (BackgroundWork work = new BackgroundWork(GRACE)) {
            work.everyOnWorkers(3, NEVER, "copy", () -> {
                if (rounds.incrementAndGet() <= 3) {
                    allInRound.countDown();
                    await(release);
                }
                return 0;
            });

            assertThat(allInRound.await(30, TimeUnit.SECONDS)).as("three rounds under way together, none waiting for another").isTrue();
            release.countDown();
            awaitRounds(rounds, 3);
            work.wake("copy");
            awaitRounds(rounds, 6);
            assertThat(rounds.get()).as("one wake-up reached every worker, once each").isEqualTo(6);
        }
    }

    @Test
    void aFailingRoundDoesNotEndTheLoop() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        try (BackgroundWork work = new BackgroundWork(GRACE)) {
            work.every(Duration.ofMillis(10), "flaky", () -> {
                if (rounds.incrementAndGet() == 1) {
                    throw new IllegalStateException("database briefly gone");
                }
                return 0;
            });

            awaitRounds(rounds, 3);
        }
    }

    @Test
    void stoppingLetsTheRoundUnderWayFinishStartsNoOtherAndKeepsClaimsRenewedUntilThen() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch finishRound = new CountDownLatch(1);
        AtomicInteger ingestRounds = new AtomicInteger();
        AtomicInteger finishedRounds = new AtomicInteger();
        AtomicInteger renewalsWhileFinishing = new AtomicInteger();
        BackgroundWork work = new BackgroundWork(GRACE);
        work.everyUntilOthersStop(Duration.ofMillis(10), "leases", () -> {
            if (inRound.getCount() == 0 && finishedRounds.get() == 0) {
                renewalsWhileFinishing.incrementAndGet();
            }
            return 0;
        });
        work.every(NEVER, "ingest", () -> {
            ingestRounds.incrementAndGet();
            inRound.countDown();
            try {
                finishRound.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            finishedRounds.incrementAndGet();
            return 1;
        });
        assertThat(inRound.await(30, TimeUnit.SECONDS)).isTrue();

        Thread stopping = Thread.ofPlatform().start(work::close);
        long renewalsBefore = renewalsWhileFinishing.get();
        awaitCount(renewalsWhileFinishing, renewalsBefore + 3);
        assertThat(stopping.isAlive()).as("waits for the round under way").isTrue();
        finishRound.countDown();
        stopping.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(stopping.isAlive()).isFalse();
        assertThat(finishedRounds.get()).as("the round finished instead of being interrupted").isEqualTo(1);
        assertThat(ingestRounds.get()).as("a round that found work would run again at once, but no new round starts").isEqualTo(1);
    }

    @Test
    void aRoundStillRunningAfterTheGracePeriodIsInterrupted() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        BackgroundWork work = new BackgroundWork(Duration.ofMillis(200));
        work.every(NEVER, "stuck", () -> {
            inRound.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
            return 0;
        });
        assertThat(inRound.await(30, TimeUnit.SECONDS)).isTrue();

        work.close();

        awaitCount(interrupted, 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCount(AtomicInteger count, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count.get()).isGreaterThanOrEqualTo((int) atLeast);
    }

    private static void awaitRounds(AtomicInteger rounds, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rounds.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(rounds.get()).isGreaterThanOrEqualTo(atLeast);
    }
}
