package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.application.service.RendererAccess;
import static dev.avatarvideo.adapters.heygen.Fixtures.requestsTo;
import static dev.avatarvideo.adapters.heygen.Fixtures.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.InMemoryRendererCallCounts;
import dev.avatarvideo.application.fakes.InMemoryVideoWork;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.PassThroughTransactions;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.DownloadLink;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderedVideo;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.application.service.RenderSubmitter;
import dev.avatarvideo.application.service.RenderTracker;
import dev.avatarvideo.application.service.WaitingReasons;
import dev.avatarvideo.application.fakes.InMemoryVideoWaits;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The renderer adapter against the simulator over real HTTP, one HeyGen failure at a time. */
class HeyGenVideoRendererFaultsTest {

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(500)));
    private final HeyGenVideoRenderer renderer = new HeyGenVideoRenderer(Fixtures.settings(simulator));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSaysThenReportedWithItsWait() {
        simulator.useFaults(SimulatorFaults.none().withRateLimits(1.0, Duration.ofSeconds(1)));

        SubmitOutcome outcome = renderer.submit(video());

        assertThat(outcome).isEqualTo(new SubmitOutcome.RateLimited(Duration.ofSeconds(1)));
        List<Instant> attempts = simulator.requests().stream().map(HeyGenSimulator.RecordedRequest::at).toList();
        assertThat(attempts).hasSize(Fixtures.QUICK_RETRIES.maxAttempts());
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.between(attempts.get(i - 1), attempts.get(i))).as("gap before attempt %d", i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(simulator.rendersStarted()).isZero();
    }

    @Test
    void aRetryAfterLongerThanWeWaitInPlaceEndsTheCallAtOnce() {
        simulator.useFaults(SimulatorFaults.none().withRateLimits(1.0, Duration.ofSeconds(30)));

        SubmitOutcome outcome = renderer.submit(video());
        RenderStatus status = renderer.status(new RenderId("any"));

        assertThat(outcome).isEqualTo(new SubmitOutcome.RateLimited(Duration.ofSeconds(30)));
        assertThat(status).isEqualTo(new RenderStatus.RateLimited(Duration.ofSeconds(30)));
        assertThat(simulator.requests()).as("no hammering: one request each").hasSize(2);
    }

    @Test
    void serverErrorsAreRetriedAndTheIdempotencyKeyKeepsItToOneRender() {
        simulator.useFaults(SimulatorFaults.none().withServerErrors(1.0));
        AvatarVideo video = video();

        SubmitOutcome givenUp = renderer.submit(video);

        assertThat(givenUp).isInstanceOfSatisfying(SubmitOutcome.Unavailable.class, unavailable -> {
            assertThat(unavailable.reason()).contains("HTTP 5");
            assertThat(unavailable.after()).isEqualTo(Fixtures.QUICK_RETRIES.maxBackoff());
        });
        assertThat(requestsTo(simulator, "POST", "/v3/videos")).isEqualTo(Fixtures.QUICK_RETRIES.maxAttempts());
        assertThat(simulator.rendersStarted()).as("every attempt did the work; the key made them one").isEqualTo(1);

        simulator.useFaults(SimulatorFaults.none());
        assertThat(renderer.submit(video)).isInstanceOf(SubmitOutcome.Accepted.class);
        assertThat(simulator.rendersStarted()).isEqualTo(1);
    }

    @Test
    void anErrorBodyOnHttp200IsNeverReadAsSuccess() {
        RenderId renderId = accepted(renderer.submit(video()));
        simulator.useFaults(SimulatorFaults.none().withErrorsOn200(1.0));

        assertThat(renderer.status(renderId)).isInstanceOf(RenderStatus.Unavailable.class);
        assertThat(renderer.statuses(List.of(renderId)).get(renderId)).isInstanceOf(RenderStatus.Unavailable.class);
        assertThat(renderer.submit(video())).isInstanceOf(SubmitOutcome.Unavailable.class);
        assertThat(requestsTo(simulator, "GET", "/v3/videos/" + renderId)).as("retried like any server error")
                .isEqualTo(Fixtures.QUICK_RETRIES.maxAttempts());
    }

    @Test
    void aTimedOutCreationIsRetriedAndReplayedNeverRenderedTwice() {
        HeyGenVideoRenderer impatient = new HeyGenVideoRenderer(Fixtures.settings(simulator).withRequestTimeout(Duration.ofMillis(300)));
        simulator.useFaults(SimulatorFaults.none().withTimeouts(1.0, Duration.ofMillis(900)));
        AvatarVideo video = video();

        SubmitOutcome timedOut = impatient.submit(video);

        assertThat(timedOut).isInstanceOf(SubmitOutcome.Unavailable.class);
        simulator.useFaults(SimulatorFaults.none());
        Fixtures.sleep(1000);
        RenderId renderId = accepted(impatient.submit(video));
        assertThat(simulator.rendersStarted()).isEqualTo(1);
        assertThat(impatient.status(renderId)).isNotInstanceOf(RenderStatus.NotFound.class);
    }

    @Test
    void aTimeoutFollowedByAnAnswerWithinTheBudgetEndsAccepted() {
        HeyGenVideoRenderer impatient = new HeyGenVideoRenderer(Fixtures.settings(simulator).withRequestTimeout(Duration.ofMillis(300))
                .withRetries(new HeyGenSettings.Retries(20, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(15),
                        Duration.ofSeconds(3))));
        simulator.useFaults(SimulatorFaults.none().withSeed(7).withTimeouts(0.5, Duration.ofMillis(700)));

        for (int i = 0; i < 5; i++) {
            accepted(impatient.submit(video()));
        }

        assertThat(simulator.rendersStarted()).isEqualTo(5);
    }

    @Test
    void latencyBelowTheTimeoutIsOnlySlowness() {
        simulator.useFaults(SimulatorFaults.none().withLatency(Duration.ofMillis(200)));

        assertThat(renderer.submit(video())).isInstanceOf(SubmitOutcome.Accepted.class);
        assertThat(simulator.requests()).hasSize(1);
    }

    @Test
    void notFoundJustAfterCreationIsAnsweredAsNotFoundAndTheTrackerKeepsTheVideoRendering() {
        simulator.useFaults(SimulatorFaults.none().withNotFoundAfterCreate(1.0, Duration.ofSeconds(3)));
        InMemoryVideos videos = new InMemoryVideos();
        InMemoryVideoWork work = new InMemoryVideoWork(videos);
        InMemoryRendererCallCounts calls = new InMemoryRendererCallCounts(Instant.now());
        AvatarVideo video = video();
        videos.add(video);
        RendererCredentials key = new RendererCredentials(simulator.apiKey());
        RendererAccess access = new RendererAccess(tenant -> key, credentials -> renderer, work, calls);
        new RenderSubmitter(videos, work, work, new PassThroughTransactions(), access, Instant::now, Fixtures.FAST_POLLING,
                new RenderSubmitter.Budget(10, 10), new WaitingReasons(new InMemoryVideoWaits(videos), Instant::now)).submitQueued();
        RenderId renderId = videos.findById(video.id()).orElseThrow().renderId();
        RenderTracker tracker = new RenderTracker(videos, work, new PassThroughTransactions(), access, Instant::now, Fixtures.FAST_POLLING, 100,
                new WaitingReasons(new InMemoryVideoWaits(videos), Instant::now));

        assertThat(renderer.status(renderId)).isInstanceOf(RenderStatus.NotFound.class);
        assertThat(renderer.statuses(List.of(renderId)).get(renderId)).isInstanceOf(RenderStatus.NotFound.class);
        Fixtures.await("the tracker to ask", Duration.ofSeconds(10), () -> {
            tracker.trackOnce();
            return calls.of(RendererCallCounts.Call.STATUS_BULK) > 0;
        });
        assertThat(videos.findById(video.id()).orElseThrow().status()).isEqualTo(VideoStatus.RENDERING);

        Fixtures.await("the render to become visible and finish", Duration.ofSeconds(20), () -> {
            tracker.trackOnce();
            return videos.findById(video.id()).orElseThrow().status() == VideoStatus.INGESTING;
        });
    }

    @Test
    void aFailedRenderKeepsHeyGensCodeAndMessageInBothStatusCalls() {
        simulator.useFaults(SimulatorFaults.none().withRenderFailures(1.0));
        RenderId renderId = accepted(renderer.submit(video()));

        Fixtures.await("the render to end", Duration.ofSeconds(10), () -> renderer.status(renderId) instanceof RenderStatus.Failed);
        RenderStatus.Failed single = (RenderStatus.Failed) renderer.status(renderId);
        RenderStatus bulk = renderer.statuses(List.of(renderId)).get(renderId);

        assertThat(single.reason().code()).isEqualTo("SIMULATED_RENDER_FAILURE");
        assertThat(single.reason().message()).contains("SIMULATED render failure");
        assertThat(bulk).isEqualTo(single);
    }

    @Test
    void aTruncatedDownloadFailsWhileReadingInsteadOfPassingForAShortVideo() throws Exception {
        RenderId renderId = accepted(renderer.submit(video()));
        Fixtures.await("the render", Duration.ofSeconds(10), () -> renderer.status(renderId) instanceof RenderStatus.Completed);
        DownloadLink link = ((RenderStatus.Completed) renderer.status(renderId)).files().orElseThrow().video();
        simulator.useFaults(SimulatorFaults.none().withTruncatedDownloads(1.0));

        try (RenderedVideo download = renderer.download(link)) {
            assertThat(download.length()).hasValue(simulator.videoFileSize(renderId.value()));
            assertThatThrownBy(() -> download.content().readAllBytes()).isInstanceOf(IOException.class);
        }
        assertThat(simulator.truncatedDownloads()).isEqualTo(1);
    }

    @Test
    void tooManyRendersInProgressForTheKeyIsRateLimitedNotRejected() {
        simulator.useFaults(SimulatorFaults.none().withConcurrencyLimitPerKey(1).withRateLimits(0, Duration.ofSeconds(20)));

        accepted(renderer.submit(video()));
        SubmitOutcome second = renderer.submit(video());

        assertThat(second).isEqualTo(new SubmitOutcome.RateLimited(Duration.ofSeconds(20)));
        assertThat(simulator.rendersStarted()).isEqualTo(1);
    }

    @Test
    void anEmptyWalletIsInsufficientCredit() {
        simulator.setRemainingBalance(simulator.apiKey(), BigDecimal.ZERO);

        assertThat(renderer.submit(video())).isInstanceOfSatisfying(SubmitOutcome.InsufficientCredit.class,
                credit -> assertThat(credit.message()).contains("Insufficient credit"));
        assertThat(requestsTo(simulator, "POST", "/v3/videos")).as("a refusal is not retried").isEqualTo(1);
    }

    @Test
    void bulkStatusesUnderServerErrorsAreRetriedAndThenAnswerEveryIdUnavailable() {
        RenderId renderId = accepted(renderer.submit(video()));
        simulator.useFaults(SimulatorFaults.none().withServerErrors(1.0));

        Map<RenderId, RenderStatus> statuses = renderer.statuses(List.of(renderId, new RenderId("other")));

        assertThat(statuses.values()).hasSize(2).allMatch(RenderStatus.Unavailable.class::isInstance);
        assertThat(requestsTo(simulator, "GET", "/v3/videos/statuses")).isEqualTo(Fixtures.QUICK_RETRIES.maxAttempts());
    }

    private static RenderId accepted(SubmitOutcome outcome) {
        assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
        return ((SubmitOutcome.Accepted) outcome).renderId();
    }
}
