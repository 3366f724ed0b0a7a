package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.InMemoryOutbox;
import dev.avatarvideo.application.fakes.ScriptedNotificationSender;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotificationDelivererTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final NotificationUrl RECEIVER = NotificationUrl.parse("url", "https://platform.example/hooks?token=abc");
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private final TestClock clock = new TestClock();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryFileStorage storage = new InMemoryFileStorage(clock);
    private final ScriptedNotificationSender sender = new ScriptedNotificationSender();
    /** Doubling from one minute, without jitter, so the schedule can be checked exactly. */
    private final NotificationDeliverer deliverer = new NotificationDeliverer(outbox, sender, storage,
            failures -> Duration.ofMinutes(1L << (failures - 1)), GIVE_UP_AFTER, Duration.ofMinutes(2), clock, 10);

    @Test
    void sendsADueDeliverySignedWithItsSecretAndRecordsIt() {
        SigningSecret secret = SigningSecret.generate();
        long id = outbox.queue(RECEIVER, event(1, VideoStatus.RENDERING), clock.now(), Optional.of(secret));

        assertThat(deliverer.deliverDue()).isEqualTo(1);

        assertThat(sender.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.url()).isEqualTo(RECEIVER);
            assertThat(sent.messageId()).isEqualTo("evt_1");
            assertThat(sent.secret()).isEqualTo(secret);
            assertThat(sent.timestamp()).isEqualTo(clock.now());
        });
        assertThat(outbox.row(id).state()).isEqualTo("DELIVERED");
        assertThat(deliverer.deliverDue()).isZero();
    }

    @Test
    void aFailingReceiverIsTriedAgainAfterGrowingDelaysUntilItAnswers() {
        long id = outbox.queue(RECEIVER, event(2, VideoStatus.INGESTING), clock.now(), Optional.of(SigningSecret.generate()));
        sender.failNext(3);
        List<Instant> scheduled = new ArrayList<>();

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(deliverer.deliverDue()).isEqualTo(1);
            InMemoryOutbox.Row row = outbox.row(id);
            assertThat(row.state()).isEqualTo("PENDING");
            assertThat(row.lastError()).isEqualTo("HTTP 503");
            scheduled.add(row.nextAttemptAt());
            assertThat(deliverer.deliverDue()).as("not due before its time").isZero();
            clock.advance(Duration.between(clock.now(), row.nextAttemptAt()));
        }
        assertThat(deliverer.deliverDue()).isEqualTo(1);

        assertThat(outbox.row(id).state()).isEqualTo("DELIVERED");
        assertThat(outbox.row(id).attempts()).isEqualTo(4);
        Instant start = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(scheduled).containsExactly(start.plus(Duration.ofMinutes(1)), start.plus(Duration.ofMinutes(3)), start.plus(Duration.ofMinutes(7)));
    }

    @Test
    void givesUpOnceTheNextAttemptWouldFallPastTheLimitAndKeepsTheLastError() {
        long id = outbox.queue(RECEIVER, event(3, VideoStatus.FAILED), clock.now(), Optional.of(SigningSecret.generate()));
        sender.failNext(Integer.MAX_VALUE);

        int attempts = 0;
        while (outbox.row(id).state().equals("PENDING") && attempts < 100) {
            clock.advance(Duration.between(clock.now(), outbox.row(id).nextAttemptAt()));
            deliverer.deliverDue();
            attempts++;
        }

        InMemoryOutbox.Row row = outbox.row(id);
        assertThat(row.state()).isEqualTo("GAVE_UP");
        assertThat(row.lastError()).isEqualTo("HTTP 503");
        // 1+2+…+512 minutes is under 24 h; the eleventh retry would come after it.
        assertThat(row.attempts()).isEqualTo(11);
        assertThat(clock.now()).isBefore(Instant.parse("2026-11-21T10:00:00Z").plus(GIVE_UP_AFTER));
    }

    @Test
    void aReceiverThatLeadsInsideIsGivenUpAtOnceWithTheReasonAndNotTriedAgain() {
        long id = outbox.queue(RECEIVER, event(6, VideoStatus.RENDERING), clock.now(), Optional.of(SigningSecret.generate()));
        sender.everyReceiverInside();

        assertThat(deliverer.deliverDue()).isEqualTo(1);

        InMemoryOutbox.Row row = outbox.row(id);
        assertThat(row.state()).isEqualTo("GAVE_UP");
        assertThat(row.lastError()).isEqualTo("the receiver's host leads only to internal addresses");
        clock.advance(GIVE_UP_AFTER);
        assertThat(deliverer.deliverDue()).isZero();
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void aTenantWithoutSecretGetsNothingUnsigned() {
        long id = outbox.queue(RECEIVER, event(4, VideoStatus.RENDERING), clock.now(), Optional.empty());

        deliverer.deliverDue();

        assertThat(sender.sent()).isEmpty();
        assertThat(outbox.row(id).lastError()).contains("no signing secret");
        assertThat(outbox.row(id).state()).isEqualTo("PENDING");
    }

    @Test
    void aReadyEventIsSentWithAFreshlyIssuedFileAddress() {
        StoredFile file = new StoredFile(URI.create("https://stale.example/old"), "lesson.mp4", 10, "video/mp4",
                StorageKey.newFor(TENANT, "lesson.mp4"), clock.now(), "sha256:" + "cd".repeat(32), "memory");
        VideoEvent ready = new VideoEvent(5, VideoId.newId(), TENANT, VideoStatus.READY, null, file, clock.now());
        outbox.queue(RECEIVER, ready, clock.now(), Optional.of(SigningSecret.generate()));

        deliverer.deliverDue();

        assertThat(sender.sent().getFirst().event().file().fileUrl()).isEqualTo(storage.accessUrl(file));
    }

    @Test
    void oneSlowReceiverDoesNotHoldUpTheOthers() throws Exception {
        for (int i = 0; i < 5; i++) {
            outbox.queue(RECEIVER, event(10 + i, VideoStatus.RENDERING), clock.now(), Optional.of(SigningSecret.generate()));
        }
        CountDownLatch allStarted = new CountDownLatch(5);
        sender.onSend(() -> {
            allStarted.countDown();
            try {
                // Each send waits until every one of them has started: only concurrent sends get past this.
                if (!allStarted.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the sends ran one after another");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(deliverer.deliverDue()).isEqualTo(5);

        assertThat(sender.sent()).hasSize(5);
    }

    private static VideoEvent event(long id, VideoStatus status) {
        return new VideoEvent(id, VideoId.newId(), TENANT, status,
                status == VideoStatus.FAILED ? new dev.avatarvideo.domain.VideoFailure("render_failed", "no") : null,
                null, Instant.parse("2026-11-21T10:00:00Z"));
    }
}
