package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.InMemoryIdempotencyRecords;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.idempotency.DeduplicateRequests;
import dev.avatarvideo.application.port.in.idempotency.DeduplicateRequests.Start;
import dev.avatarvideo.domain.IdempotencyKey;
import dev.avatarvideo.domain.IdempotencyScope;
import dev.avatarvideo.domain.RecordedAnswer;
import dev.avatarvideo.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestDeduplicatorTest {

    private static final IdempotencyScope ACME = IdempotencyScope.of(TenantId.of("acme"));
    private static final IdempotencyKey KEY = new IdempotencyKey("order-42");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final RecordedAnswer CREATED = new RecordedAnswer(201, List.of(new RecordedAnswer.Header("Location", "/api/topics/1")),
            "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

    private final TestClock clock = new TestClock();
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords();

    private RequestDeduplicator deduplicator(Duration patience) {
        return new RequestDeduplicator(records, clock, LEASE, RequestDeduplicator.DEFAULT_RETENTION, patience);
    }

    @Test
    void repeatsArrivingWhileTheFirstRunsWaitForItAndGetItsAnswer() throws Exception {
        RequestDeduplicator deduplicator = deduplicator(Duration.ofSeconds(10));
        Start.Proceed first = (Start.Proceed) deduplicator.begin(ACME, KEY, "fp");
        int repeats = 8;
        CountDownLatch waiting = new CountDownLatch(repeats);
        List<Future<Start>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < repeats; i++) {
                answers.add(threads.submit(() -> {
                    waiting.countDown();
                    return deduplicator.begin(ACME, KEY, "fp");
                }));
            }
            waiting.await();
            Thread.sleep(150);
            assertThat(answers).as("still waiting for the first").noneMatch(Future::isDone);

            deduplicator.finish(first.attempt(), CREATED);

            for (Future<Start> answer : answers) {
                assertThat(answer.get()).isEqualTo(new Start.Replay(CREATED));
            }
        }
    }

    @Test
    void aRepeatWhoseFirstIsStillRunningAfterThePatienceIsToldSo() {
        RequestDeduplicator deduplicator = deduplicator(Duration.ofMillis(300));
        deduplicator.begin(ACME, KEY, "fp");
        long started = System.nanoTime();

        assertThatThrownBy(() -> deduplicator.begin(ACME, KEY, "fp")).isInstanceOf(DeduplicateRequests.StillInFlightException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void anotherRequestUnderTheSameKeyIsRefusedAtOnce() {
        RequestDeduplicator deduplicator = deduplicator(Duration.ofSeconds(10));
        deduplicator.begin(ACME, KEY, "fp");
        long started = System.nanoTime();

        assertThatThrownBy(() -> deduplicator.begin(ACME, KEY, "another body")).isInstanceOf(DeduplicateRequests.KeyReusedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anAbandonedRequestIsCarriedOutAnewOnItsNextRepeat() {
        RequestDeduplicator deduplicator = deduplicator(Duration.ofSeconds(1));
        Start.Proceed failed = (Start.Proceed) deduplicator.begin(ACME, KEY, "fp");

        deduplicator.abandon(failed.attempt());

        assertThat(deduplicator.begin(ACME, KEY, "fp")).isInstanceOf(Start.Proceed.class);
    }

    @Test
    void aRunningRequestKeepsItsKeyByRenewingAndADeadInstancesKeyIsFreeOnceItsLeaseLapses() {
        RequestDeduplicator alive = deduplicator(Duration.ZERO);
        RequestDeduplicator dead = deduplicator(Duration.ZERO);
        Start.Proceed running = (Start.Proceed) alive.begin(ACME, KEY, "fp");
        Start.Proceed orphaned = (Start.Proceed) dead.begin(ACME, new IdempotencyKey("orphan"), "fp");

        for (int i = 0; i < 5; i++) {
            clock.advance(LEASE.dividedBy(2));
            assertThat(alive.renewLeases()).isEqualTo(1);
        }

        assertThatThrownBy(() -> alive.begin(ACME, KEY, "fp")).as("renewed, still held").isInstanceOf(DeduplicateRequests.StillInFlightException.class);
        assertThat(alive.begin(ACME, new IdempotencyKey("orphan"), "fp")).as("never renewed: taken over").isInstanceOf(Start.Proceed.class);
        dead.finish(orphaned.attempt(), CREATED);
        assertThat(records.size()).isEqualTo(2);
        alive.finish(running.attempt(), CREATED);
        assertThat(alive.begin(ACME, KEY, "fp")).isEqualTo(new Start.Replay(CREATED));
    }

    @Test
    void answersAreKeptForTheRetentionThenForgotten() {
        RequestDeduplicator deduplicator = deduplicator(Duration.ZERO);
        deduplicator.finish(((Start.Proceed) deduplicator.begin(ACME, KEY, "fp")).attempt(), CREATED);
        clock.advance(RequestDeduplicator.DEFAULT_RETENTION.minusSeconds(1));
        assertThat(deduplicator.forgetExpired()).isZero();
        assertThat(deduplicator.begin(ACME, KEY, "fp")).isEqualTo(new Start.Replay(CREATED));

        clock.advance(Duration.ofSeconds(1));

        assertThat(deduplicator.forgetExpired()).isEqualTo(1);
        assertThat(records.size()).isZero();
        assertThat(deduplicator.begin(ACME, KEY, "another body after a day")).isInstanceOf(Start.Proceed.class);
    }
}
