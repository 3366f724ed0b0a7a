package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.domain.ProcessingMode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrackingPolicyTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-21T10:00:00Z");
    private static final TrackingPolicy POLLING = TrackingPolicy.DEFAULT;

    @Test
    void intervalsGrowByHalfUpToFiveMinutes() {
        assertThat(POLLING.interval(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(POLLING.interval(1)).isEqualTo(Duration.ofSeconds(45));
        assertThat(POLLING.interval(2)).isEqualTo(Duration.ofMillis(67_500));
        assertThat(POLLING.interval(5)).isEqualTo(Duration.ofMillis(227_813));
        assertThat(POLLING.interval(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(POLLING.interval(500)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void pollingLooksFirstAfterTheFirstInterval() {
        assertThat(POLLING.firstCheckAt(SUBMITTED)).isEqualTo(SUBMITTED.plusSeconds(30));
        assertThat(POLLING.nextCheckAt(SUBMITTED, SUBMITTED.plusSeconds(30), 1)).isEqualTo(SUBMITTED.plusSeconds(75));
    }

    @Test
    void hybridLooksFirstWhenTheWebhookIsOverdueAndThenAsOftenAsPollingWouldAtThatAge() {
        TrackingPolicy hybrid = POLLING.withMode(ProcessingMode.HYBRID);
        Instant overdue = SUBMITTED.plus(hybrid.webhookOverdue());

        assertThat(hybrid.firstCheckAt(SUBMITTED)).isEqualTo(overdue);
        // Polling would have looked 5 times in the first 10 minutes (30 s … 6.6 min); the next wait is the 6th.
        assertThat(hybrid.checksBefore(hybrid.webhookOverdue())).isEqualTo(5);
        assertThat(hybrid.nextCheckAt(SUBMITTED, overdue, 1)).isEqualTo(overdue.plus(POLLING.interval(6)));
    }

    @Test
    void webhookModeOnlyLooksAtTheDeadline() {
        TrackingPolicy webhook = POLLING.withMode(ProcessingMode.WEBHOOK);

        assertThat(webhook.firstCheckAt(SUBMITTED)).isEqualTo(SUBMITTED.plus(Duration.ofHours(2)));
        assertThat(webhook.nextCheckAt(SUBMITTED, SUBMITTED.plusSeconds(10), 3)).isEqualTo(SUBMITTED.plus(Duration.ofHours(2)));
    }

    @Test
    void noLookIsEverScheduledPastTheDeadline() {
        Instant nearTheEnd = SUBMITTED.plus(Duration.ofHours(2)).minusSeconds(10);

        assertThat(POLLING.nextCheckAt(SUBMITTED, nearTheEnd, 20)).isEqualTo(POLLING.deadline(SUBMITTED));
        assertThat(POLLING.pastDeadline(SUBMITTED, POLLING.deadline(SUBMITTED).minusMillis(1))).isFalse();
        assertThat(POLLING.pastDeadline(SUBMITTED, POLLING.deadline(SUBMITTED))).isTrue();
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new TrackingPolicy(ProcessingMode.POLLING, Duration.ofMinutes(5), 1.5, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofHours(2))).hasMessageContaining("maxInterval");
        assertThatThrownBy(() -> new TrackingPolicy(ProcessingMode.POLLING, Duration.ofSeconds(30), 0.5, Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofHours(2))).hasMessageContaining("growth");
        assertThatThrownBy(() -> new TrackingPolicy(ProcessingMode.POLLING, Duration.ZERO, 1.5, Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofHours(2))).hasMessageContaining("firstCheck");
    }
}
