package dev.avatarvideo.application.service;

import dev.avatarvideo.application.fakes.SimulatedRenderDeliveries;
import dev.avatarvideo.domain.RendererAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.InMemoryWebhookRegistrations;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts.Call;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations.WebhookRegistration;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.ProcessingMode;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What tracking costs, on fakes with a simulated clock: 1,000 renders whose times are spread log-uniformly from 1 to
 * 15 minutes, with the default schedule, counted in status calls per finished video, next to a naive poller that asks
 * about every render on its own every 2 seconds. Renders either all start at once or arrive one every half second.
 */
class TrackingCostTest {

    private static final System.Logger LOG = System.getLogger(TrackingCostTest.class.getName());
    private static final int VIDEOS = 1_000;
    private static final WebhookSecret SECRET = new WebhookSecret("whsec_cost");

    record Cost(double bulkPerVideo, double singlePerVideo, double naivePerVideo, double meanDelaySeconds) {
    }

    @Test
    void pollingCostsAtMostATenthOfAStatusCallPerVideo() {
        Cost burst = run(ProcessingMode.POLLING, Duration.ZERO, 0);
        Cost stream = run(ProcessingMode.POLLING, Duration.ofMillis(500), 0);

        assertThat(burst.bulkPerVideo()).isLessThanOrEqualTo(0.1);
        assertThat(stream.bulkPerVideo()).isLessThanOrEqualTo(0.1);
        assertThat(burst.singlePerVideo()).as("one fresh status per video, for its download address").isEqualTo(1.0);
        assertThat(burst.naivePerVideo()).as("the naive poller's cost").isGreaterThan(100);
    }

    @Test
    void webhooksCostOneStatusCallPerVideoAndHybridRecoversLostOnesCheaply() {
        Cost webhook = run(ProcessingMode.WEBHOOK, Duration.ofMillis(500), 0);
        Cost hybrid = run(ProcessingMode.HYBRID, Duration.ofMillis(500), 0.3);

        assertThat(webhook.bulkPerVideo() + webhook.singlePerVideo()).isLessThanOrEqualTo(1.05);
        assertThat(hybrid.bulkPerVideo()).as("30% of webhooks lost").isLessThanOrEqualTo(0.1);
        assertThat(hybrid.singlePerVideo()).isLessThanOrEqualTo(1.05);
    }

    private Cost run(ProcessingMode mode, Duration arrivalGap, double lostWebhooks) {
        Random random = new Random(20261121);
        ServiceTestKit kit = new ServiceTestKit(new ScriptedVideoRenderer(100), TrackingPolicy.DEFAULT.withMode(mode), ServiceTestKit.UNLIMITED);
        InMemoryWebhookRegistrations registrations = new InMemoryWebhookRegistrations();
        RendererAccount account = new RendererAccount("acc0acc0acc0");
        registrations.save(new WebhookRegistration(account, URI.create("https://example/webhooks"), "ep", SECRET, kit.clock.now()));
        RenderEventReceiver receiver = new RenderEventReceiver(kit.work, registrations, new SimulatedRenderDeliveries(), account, List.of(), kit.clock);
        Instant start = kit.clock.now();
        Map<Integer, Duration> renderTimes = new LinkedHashMap<>();
        for (int i = 0; i < VIDEOS; i++) {
            renderTimes.put(i, Duration.ofMillis(Math.round(Math.exp(Math.log(60_000) + random.nextDouble() * Math.log(15)))));
        }
        List<AvatarVideo> requested = new ArrayList<>();
        Map<AvatarVideo, Instant> finishes = new LinkedHashMap<>();
        Map<AvatarVideo, Instant> finishedAt = new LinkedHashMap<>();
        double naiveCalls = 0;
        double delaySeconds = 0;
        int ready = 0;
        for (int second = 0; ready < VIDEOS && second < 4 * 3600; second++) {
            Instant now = kit.clock.now();
            while (requested.size() < VIDEOS && !start.plus(arrivalGap.multipliedBy(requested.size())).isAfter(now)) {
                requested.add(kit.request("v" + requested.size()));
            }
            kit.submitter.submitQueued();
            for (AvatarVideo video : requested) {
                if (!finishes.containsKey(video) && kit.reload(video.id()).status() == VideoStatus.RENDERING) {
                    Duration renderTime = renderTimes.get(finishes.size());
                    finishes.put(video, kit.clock.now().plus(renderTime));
                    naiveCalls += Math.ceil(renderTime.toMillis() / 2000.0);
                }
            }
            for (Map.Entry<AvatarVideo, Instant> finish : finishes.entrySet()) {
                if (!finishedAt.containsKey(finish.getKey()) && !finish.getValue().isAfter(now)) {
                    finishedAt.put(finish.getKey(), finish.getValue());
                    kit.renderer.completeRender(finish.getKey().id());
                    if (mode.receivesWebhooks() && random.nextDouble() >= lostWebhooks) {
                        receiver.receive(signed(new RenderEvent(WebhookEvent.VIDEO_RENDERED, kit.renderer.renderOf(finish.getKey().id()))));
                    }
                }
            }
            receiver.applyReceived();
            kit.tracker.trackOnce();
            while (kit.ingester.ingestPending() > 0) {
                // until nothing is left to ingest this second
            }
            int readyNow = (int) kit.videosIn(VideoStatus.READY);
            if (readyNow > ready) {
                for (AvatarVideo video : requested) {
                    AvatarVideo current = kit.reload(video.id());
                    if (current.status() == VideoStatus.READY && current.updatedAt().equals(now)) {
                        delaySeconds += Duration.between(finishedAt.get(video), now).toMillis() / 1000.0;
                    }
                }
                ready = readyNow;
            }
            kit.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(ready).as("every video finished").isEqualTo(VIDEOS);
        Cost cost = new Cost(kit.calls.of(Call.STATUS_BULK) / (double) VIDEOS, kit.calls.of(Call.STATUS_SINGLE) / (double) VIDEOS,
                naiveCalls / VIDEOS, delaySeconds / VIDEOS);
        LOG.log(System.Logger.Level.INFO, String.format("%s mode, a render every %d ms, %.0f%% of webhooks lost: %.3f bulk + %.3f single"
                        + " status calls per video (naive 2-s poller: %.0f), %.0f s from render end to READY on average",
                mode, arrivalGap.toMillis(), lostWebhooks * 100, cost.bulkPerVideo(), cost.singlePerVideo(), cost.naivePerVideo(),
                cost.meanDelaySeconds()));
        return cost;
    }

    private static RenderEventCommand signed(RenderEvent event) {
        return RenderEventsTest.signed(SECRET, event);
    }
}
