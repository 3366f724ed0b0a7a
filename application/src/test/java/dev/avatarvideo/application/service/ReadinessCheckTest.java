package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.operations.CheckReadiness.DependencyState;
import dev.avatarvideo.application.port.in.operations.CheckReadiness.Readiness;
import dev.avatarvideo.application.port.out.runtime.DependencyProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReadinessCheckTest {

    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final TestClock clock = new TestClock();

    @Test
    void readyAndUpWhenEveryDependencyAnswers() {
        ReadinessCheck check = new ReadinessCheck(List.of(
                dependency(new CountingProbe("database", () -> DependencyProbe.Result.up("SELECT 1 answered")), true),
                dependency(new CountingProbe("heygen", () -> DependencyProbe.Result.up("key accepted")), false)), clock);

        Readiness readiness = check.check();

        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.status()).isEqualTo("UP");
        assertThat(readiness.dependencies()).extracting(DependencyState::name).containsExactly("database", "heygen");
        assertThat(readiness.dependencies().getFirst().detail()).isEqualTo("SELECT 1 answered");
    }

    @Test
    void aRequiredDependencyDownMakesTheInstanceNotReady() {
        ReadinessCheck check = new ReadinessCheck(List.of(
                dependency(new CountingProbe("database", () -> DependencyProbe.Result.down("connection refused")), true),
                dependency(new CountingProbe("heygen", () -> DependencyProbe.Result.up("key accepted")), false)), clock);

        Readiness readiness = check.check();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.status()).isEqualTo("DOWN");
        assertThat(readiness.dependencies().getFirst().up()).isFalse();
        assertThat(readiness.dependencies().getFirst().detail()).isEqualTo("connection refused");
    }

    @Test
    void anOptionalDependencyDownLeavesTheInstanceReadyButDegraded() {
        ReadinessCheck check = new ReadinessCheck(List.of(
                dependency(new CountingProbe("database", () -> DependencyProbe.Result.up("ok")), true),
                dependency(new CountingProbe("heygen", () -> {
                    throw new IllegalStateException("HeyGen answered 503");
                }), false)), clock);

        Readiness readiness = check.check();

        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.status()).isEqualTo("DEGRADED");
        assertThat(readiness.dependencies().get(1).detail()).contains("HeyGen answered 503");
    }

    @Test
    void anAnswerIsReusedWhileFreshSoProbesCannotHammerTheDependency() {
        CountingProbe heygen = new CountingProbe("heygen", () -> DependencyProbe.Result.up("key accepted"));
        ReadinessCheck check = new ReadinessCheck(List.of(dependency(heygen, false)), clock);

        for (int i = 0; i < 50; i++) {
            check.check();
        }
        assertThat(heygen.calls.get()).isEqualTo(1);

        clock.advance(FRESH);
        check.check();
        assertThat(heygen.calls.get()).isEqualTo(2);
    }

    @Test
    void aHangingDependencyIsDownAtItsTimeoutAndNotAskedAgainWhileItHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountingProbe hanging = new CountingProbe("storage", () -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DependencyProbe.Result.up("answered at last");
        });
        ReadinessCheck check = new ReadinessCheck(List.of(dependency(hanging, true)), clock);

        Readiness first = check.check();
        clock.advance(FRESH.plusSeconds(1));
        Readiness second = check.check();

        assertThat(first.ready()).isFalse();
        assertThat(first.dependencies().getFirst().detail()).isEqualTo("no answer within 300 ms");
        assertThat(second.ready()).isFalse();
        assertThat(hanging.calls.get()).as("no second probe while the first still hangs").isEqualTo(1);

        release.countDown();
        AtomicReference<Readiness> after = new AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            Thread.sleep(20);
            after.set(check.check());
        } while (!after.get().ready() && System.nanoTime() < deadline);
        assertThat(after.get().ready()).as("the late answer counts once it comes").isTrue();
        assertThat(after.get().dependencies().getFirst().detail()).isEqualTo("answered at last");
    }

    private static ReadinessCheck.Dependency dependency(DependencyProbe probe, boolean required) {
        return new ReadinessCheck.Dependency(probe, required, TIMEOUT, FRESH);
    }

    private static final class CountingProbe implements DependencyProbe {

        private final String name;
        private final Supplier<Result> answer;
        final AtomicInteger calls = new AtomicInteger();

        CountingProbe(String name, Supplier<Result> answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Result probe() {
            calls.incrementAndGet();
            return answer.get();
        }
    }
}
