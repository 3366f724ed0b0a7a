package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.application.service.RendererAccess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.application.service.ReceiverScreening;
import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.application.fakes.InMemoryCallbackSecrets;
import dev.avatarvideo.application.fakes.InMemoryRendererCallCounts;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.fakes.InMemoryVideoCallbacks;
import dev.avatarvideo.application.fakes.InMemoryVideoWork;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.PassThroughTransactions;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.service.GenerateAvatarVideoService;
import dev.avatarvideo.application.service.RenderSubmitter;
import dev.avatarvideo.application.service.RenderTracker;
import dev.avatarvideo.application.service.WaitingReasons;
import dev.avatarvideo.application.fakes.InMemoryVideoWaits;
import dev.avatarvideo.application.service.RendererIdCheck;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance: 50 videos go through the real services and the real adapter while the simulator answers 20% of all
 * calls with 429, 20% with a 5xx (after doing the work), 20% too late for the client, and keeps 20% of new renders
 * invisible for a while. Every video ends rendered, and HeyGen started exactly 50 renders: no retry rendered twice.
 */
class FiftyVideosUnderFaultsTest {

    private static final Logger LOG = LoggerFactory.getLogger(FiftyVideosUnderFaultsTest.class);
    private static final int VIDEOS = 50;
    private static final Clock CLOCK = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(1)));
    private final ScheduledExecutorService loops = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() throws InterruptedException {
        loops.shutdownNow();
        loops.awaitTermination(10, TimeUnit.SECONDS);
        simulator.close();
    }

    @Test
    void everyVideoEndsRenderedAndHeyGenStartedExactlyFiftyRenders() {
        simulator.useFaults(SimulatorFaults.none().withSeed(20261121)
                .withRateLimits(0.2, Duration.ofSeconds(1))
                .withServerErrors(0.2)
                .withTimeouts(0.2, Duration.ofMillis(700))
                .withNotFoundAfterCreate(0.2, Duration.ofSeconds(2)));
        HeyGenVideoRenderer renderer = new HeyGenVideoRenderer(HeyGenSettings.of(simulator.baseUrl(), simulator.apiKey())
                .withRequestTimeout(Duration.ofMillis(300))
                .withRetries(new HeyGenSettings.Retries(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10),
                        Duration.ofSeconds(5))));
        InMemoryVideos videos = new InMemoryVideos();
        InMemoryVideoWork work = new InMemoryVideoWork(videos);
        GenerateAvatarVideoService generate = new GenerateAvatarVideoService(videos, new InMemoryVideoCallbacks(), new InMemoryCallbackSecrets(),
                // The catalog does not know the key, so the id check lets every id through: this test is about faults.
                new PassThroughTransactions(), new ReceiverScreening(new ScriptedHostLookup(), ReceiverAddressPolicy.publicOnly()),
                new RendererIdCheck(new InMemoryRendererCatalog(), tenant -> new RendererCredentials("unused"), Duration.ofSeconds(1)), CLOCK);
        List<AvatarVideo> requested = new ArrayList<>();
        for (int i = 0; i < VIDEOS; i++) {
            requested.add(generate.generate(GenerateAvatarVideoCommand.fromFields(TenantId.of("acme"), "Lesson " + i, "720p", "16:9",
                    List.of(new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Lesson number " + i)))));
        }
        RendererCredentials key = new RendererCredentials(simulator.apiKey());
        RendererAccess access = new RendererAccess(tenant -> key, credentials -> renderer, work, new InMemoryRendererCallCounts(CLOCK.now()));
        RenderSubmitter submitter = new RenderSubmitter(videos, work, work, new PassThroughTransactions(), access, CLOCK, Fixtures.FAST_POLLING,
                new RenderSubmitter.Budget(VIDEOS, VIDEOS), new WaitingReasons(new InMemoryVideoWaits(videos), CLOCK));
        RenderTracker tracker = new RenderTracker(videos, work, new PassThroughTransactions(), access, CLOCK, Fixtures.FAST_POLLING, 1_000,
                new WaitingReasons(new InMemoryVideoWaits(videos), CLOCK));
        loops.scheduleWithFixedDelay(submitter::submitQueued, 0, 100, TimeUnit.MILLISECONDS);
        loops.scheduleWithFixedDelay(tracker::trackOnce, 200, 300, TimeUnit.MILLISECONDS);

        Instant started = Instant.now();
        Fixtures.await("every video rendered (" + VIDEOS + ")", Duration.ofMinutes(5),
                () -> count(videos, VideoStatus.INGESTING) == VIDEOS || count(videos, VideoStatus.FAILED) > 0);
        LOG.info("{} videos rendered through the faults in {} ms; HeyGen saw {} requests", VIDEOS,
                Duration.between(started, Instant.now()).toMillis(), simulator.requests().size());

        assertThat(count(videos, VideoStatus.FAILED)).as("no video failed").isZero();
        assertThat(count(videos, VideoStatus.INGESTING)).isEqualTo(VIDEOS);
        assertThat(simulator.rendersStarted()).as("renders HeyGen started").isEqualTo(VIDEOS);
        List<RenderId> renderIds = requested.stream().map(v -> videos.findById(v.id()).orElseThrow().renderId()).toList();
        assertThat(renderIds).doesNotHaveDuplicates();
        Map<String, Long> answers = simulator.requests().stream()
                .collect(Collectors.groupingBy(r -> r.method() + " " + r.path().replaceAll("/v3/videos/[0-9a-f]{32}", "/v3/videos/{id}"),
                        Collectors.counting()));
        LOG.info("requests by endpoint: {}", answers);
        assertThat(answers.get("POST /v3/videos")).as("creations were retried through the faults").isGreaterThan(VIDEOS);

        simulator.useFaults(SimulatorFaults.none());
        Map<RenderId, RenderStatus> finalStatuses = new LinkedHashMap<>();
        for (int from = 0; from < renderIds.size(); from += renderer.statusBatchLimit()) {
            finalStatuses.putAll(renderer.statuses(renderIds.subList(from, Math.min(renderIds.size(), from + renderer.statusBatchLimit()))));
        }
        assertThat(finalStatuses.values()).hasSize(VIDEOS).allMatch(RenderStatus.Completed.class::isInstance);
    }

    private static long count(InMemoryVideos videos, VideoStatus status) {
        return videos.all().stream().filter(video -> video.status() == status).count();
    }
}
