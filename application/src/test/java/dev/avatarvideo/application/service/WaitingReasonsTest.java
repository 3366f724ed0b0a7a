package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.VideoWaiting;
import dev.avatarvideo.domain.VideoWaiting.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitingReasonsTest {

    private final ServiceTestKit kit = new ServiceTestKit();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger(WaitingReasons.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                log.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        jul.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(handler);
    }

    @Test
    void queuedVideosSayTheRendererCannotBeReachedAndTheLogSaysSoOnceForTheAccount() {
        AvatarVideo first = kit.request("one");
        AvatarVideo second = kit.request("two");
        kit.renderer.onSubmit(v -> new SubmitOutcome.Unavailable(Duration.ofSeconds(5), "connection refused"));
        Instant started = kit.clock.now();

        for (int round = 0; round < 4; round++) {
            kit.submitter.submitQueued();
            kit.clock.advance(Duration.ofSeconds(6));
        }

        Map<VideoId, VideoWaiting> waiting = waitingOf(first, second);
        assertThat(waiting).containsOnlyKeys(first.id(), second.id());
        assertThat(waiting.get(first.id()).reason()).isEqualTo(Reason.HEYGEN_UNREACHABLE);
        assertThat(waiting.get(first.id()).detail()).contains("connection refused");
        assertThat(waiting.get(first.id()).since()).as("since the first round, not the last").isEqualTo(started);
        assertThat(kit.renderer.submissions()).hasSize(4);
        assertThat(log).hasSize(1);
        assertThat(log.getFirst()).contains(ServiceTestKit.KEY.fingerprint(), "heygen-unreachable", "connection refused");
    }

    @Test
    void aChangeOfReasonIsToldOnceAndTheRecoveryOnceThenNothingWaits() {
        AvatarVideo first = kit.request("one");
        AvatarVideo second = kit.request("two");
        kit.renderer.onSubmit(v -> new SubmitOutcome.Unavailable(Duration.ofSeconds(5), "HeyGen answered HTTP 503 server_error"));
        kit.submitter.submitQueued();
        kit.clock.advance(Duration.ofSeconds(6));
        kit.renderer.onSubmit(v -> new SubmitOutcome.RateLimited(Duration.ofSeconds(5)));
        kit.submitter.submitQueued();
        kit.clock.advance(Duration.ofSeconds(6));
        kit.submitter.submitQueued();

        assertThat(waitingOf(first).get(first.id()).reason()).isEqualTo(Reason.HEYGEN_RATE_LIMITED);
        assertThat(log).hasSize(2);

        kit.clock.advance(Duration.ofSeconds(6));
        kit.renderer.onSubmit(kit.renderer::accept);
        kit.submitter.submitQueued();

        assertThat(kit.reload(first.id()).status()).isEqualTo(VideoStatus.RENDERING);
        assertThat(waitingOf(first, second)).isEmpty();
        assertThat(log).hasSize(3);
        assertThat(log.getLast()).contains("answers again", "heygen-rate-limited");
    }

    @Test
    void onlyTheVideosOfTheBlockedAccountsTenantsWait() {
        AvatarVideo waiting = kit.request("blocked");
        kit.renderer.onSubmit(v -> new SubmitOutcome.RateLimited(Duration.ofSeconds(30)));
        kit.submitter.submitQueued();

        AvatarVideo elsewhere = kit.request(TenantId.of("globex"), "other tenant");

        assertThat(kit.waiting.waitingOf(ServiceTestKit.TENANT, List.of(waiting))).containsOnlyKeys(waiting.id());
        assertThat(kit.waiting.waitingOf(TenantId.of("globex"), List.of(elsewhere))).isEmpty();
    }

    @Test
    void aRenderWhoseStatusCannotBeCheckedWaitsAsRenderingUntilTheRendererAnswers() {
        AvatarVideo video = kit.request("rendering");
        kit.submitter.submitQueued();
        kit.renderer.reportStatus(video.id(), new RenderStatus.KeyRejected("Invalid API key"));

        for (int round = 0; round < 3; round++) {
            kit.clock.advance(Duration.ofMinutes(2));
            kit.tracker.trackOnce();
        }

        assertThat(kit.reload(video.id()).status()).isEqualTo(VideoStatus.RENDERING);
        VideoWaiting waiting = waitingOf(video).get(video.id());
        assertThat(waiting.reason()).isEqualTo(Reason.HEYGEN_REFUSES_KEY);
        assertThat(waiting.detail()).contains("Invalid API key");
        assertThat(log).hasSize(1);

        kit.renderer.reportStatus(video.id(), new RenderStatus.Processing());
        kit.clock.advance(Duration.ofMinutes(2));
        kit.tracker.trackOnce();

        assertThat(waitingOf(video)).isEmpty();
        assertThat(log).hasSize(2);
        assertThat(log.getLast()).contains("answers again");
    }

    @Test
    void onlyVideosThatCanWaitAreLookedUpSoReadingAFinishedOneCostsNoQuery() {
        List<java.util.Collection<VideoId>> lookedUp = new CopyOnWriteArrayList<>();
        WaitingReasons counted = new WaitingReasons(new dev.avatarvideo.application.port.out.video.VideoWaits() {
            @Override
            public void markQueued(dev.avatarvideo.domain.RendererAccount account, java.util.Collection<TenantId> tenants, VideoWaiting waiting) {
            }

            @Override
            public void mark(dev.avatarvideo.domain.RendererAccount account, VideoId video, VideoStatus status, VideoWaiting waiting) {
            }

            @Override
            public void clear(dev.avatarvideo.domain.RendererAccount account, VideoStatus status) {
            }

            @Override
            public Map<VideoId, VideoWaiting> current(TenantId tenant, java.util.Collection<VideoId> videos) {
                lookedUp.add(List.copyOf(videos));
                return Map.of();
            }
        }, kit.clock);
        AvatarVideo queued = kit.request("still queued");
        AvatarVideo failed = kit.request("given up").fail(new dev.avatarvideo.domain.VideoFailure("render_failed", "no"), kit.clock.now());

        assertThat(counted.waitingOf(ServiceTestKit.TENANT, List.of(failed))).isEmpty();
        assertThat(lookedUp).as("a failed video cannot wait: no lookup").isEmpty();
        counted.waitingOf(ServiceTestKit.TENANT, List.of(queued, failed));
        assertThat(lookedUp).containsExactly(List.of(queued.id()));
    }

    private Map<VideoId, VideoWaiting> waitingOf(AvatarVideo... videos) {
        return kit.waiting.waitingOf(ServiceTestKit.TENANT, List.of(videos));
    }
}
