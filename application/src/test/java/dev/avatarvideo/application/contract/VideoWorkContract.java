package dev.avatarvideo.application.contract;

import dev.avatarvideo.application.port.out.rendering.SubmittedAccounts;
import dev.avatarvideo.domain.RendererAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.IngestQueue;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RenderChecks.TrackedRender;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue.QueuedVideo;
import dev.avatarvideo.application.port.out.video.VideoStatistics;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.IngestRetry;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.WebhookEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the work queues on videos must do ({@link SubmissionQueue}, {@link RenderChecks}, {@link IngestQueue},
 * {@link SubmittedAccounts}, {@link RenderEventInbox}, {@link VideoStatistics}); they act on the same videos, so they are held to one contract
 * together. The in-memory fakes and the database adapters pass the same tests. Each test starts with no videos at all.
 */
public abstract class VideoWorkContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");
    private static final RendererAccount ACCOUNT = new RendererAccount("aaaaaaaaaaaa");
    private static final RendererAccount OTHER_ACCOUNT = new RendererAccount("bbbbbbbbbbbb");
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    /** The work queues and the videos they work on, sharing one store, empty. */
    public record Work(Videos videos, SubmissionQueue submissions, RenderChecks checks, IngestQueue ingest, SubmittedAccounts submitted,
                       RenderEventInbox inbox, VideoStatistics statistics) {
    }

    protected abstract Work newWork();

    private Work work;

    @BeforeEach
    void setUpWork() {
        work = newWork();
    }

    // ---- submission

    @Test
    void tenantsWaitingAreThoseWithAQueuedVideoNobodyHolds() {
        AvatarVideo acme = queued(ACME, 0);
        queued(GLOBEX, 1);
        rendering(TenantId.of("initech"), 2, ACCOUNT);

        assertThat(work.submissions().tenantsWaiting(T0)).containsExactly(ACME, GLOBEX);

        work.submissions().claim(List.of(acme.id()), ACCOUNT, T0);
        assertThat(work.submissions().tenantsWaiting(T0)).containsExactly(GLOBEX);

        work.submissions().release(acme.id());
        assertThat(work.submissions().tenantsWaiting(T0)).containsExactly(ACME, GLOBEX);
    }

    @Test
    void oldestWaitingGivesEachTenantsOldestFreeVideosInOrder() {
        AvatarVideo acme1 = queued(ACME, 1);
        AvatarVideo acme0 = queued(ACME, 0);
        AvatarVideo acme2 = queued(ACME, 2);
        AvatarVideo globex5 = queued(GLOBEX, 5);
        queued(TenantId.of("initech"), 0);
        work.submissions().claim(List.of(acme0.id()), ACCOUNT, T0);

        List<QueuedVideo> oldest = work.submissions().oldestWaiting(List.of(ACME, GLOBEX), 2, T0);

        assertThat(oldest).extracting(QueuedVideo::id).containsExactly(acme1.id(), acme2.id(), globex5.id());
        assertThat(oldest.getFirst()).isEqualTo(new QueuedVideo(acme1.id(), ACME, acme1.createdAt()));
        assertThat(work.submissions().oldestWaiting(List.of(ACME), 1, T0)).extracting(QueuedVideo::id).containsExactly(acme1.id());
        assertThat(work.submissions().oldestWaiting(List.of(), 5, T0)).isEmpty();
    }

    @Test
    void aClaimTakesOnlyQueuedVideosNobodyHoldsInTheOrderAsked() {
        AvatarVideo first = queued(ACME, 0);
        AvatarVideo second = queued(ACME, 1);
        AvatarVideo held = queued(ACME, 2);
        AvatarVideo rendering = rendering(ACME, 3, ACCOUNT);
        work.submissions().claim(List.of(held.id()), ACCOUNT, T0);

        List<AvatarVideo> claimed = work.submissions().claim(List.of(second.id(), held.id(), rendering.id(), first.id()), ACCOUNT, T0);

        assertThat(claimed).extracting(AvatarVideo::id).containsExactly(second.id(), first.id());
        assertThat(claimed.getFirst()).isEqualTo(work.videos().findById(second.id()).orElseThrow());
        assertThat(work.submissions().claim(List.of(first.id()), ACCOUNT, T0)).as("claimed once only").isEmpty();
    }

    @Test
    void rendersInFlightCountRenderingVideosAndClaimedQueuedOnesOfTheAccountPerTenant() {
        rendering(ACME, 0, ACCOUNT);
        rendering(ACME, 1, ACCOUNT);
        rendering(GLOBEX, 2, OTHER_ACCOUNT);
        AvatarVideo beingSubmitted = queued(GLOBEX, 3);
        queued(GLOBEX, 4);
        work.submissions().claim(List.of(beingSubmitted.id()), ACCOUNT, T0);

        assertThat(work.submissions().inFlight(ACCOUNT, T0)).isEqualTo(Map.of(ACME, 2, GLOBEX, 1));
        assertThat(work.submissions().inFlight(OTHER_ACCOUNT, T0)).isEqualTo(Map.of(GLOBEX, 1));

        work.submissions().release(beingSubmitted.id());
        assertThat(work.submissions().inFlight(ACCOUNT, T0)).isEqualTo(Map.of(ACME, 2));
    }

    @Test
    void aRenderAnnouncedAsEndedNoLongerCountsInFlightThoughItsVideoStillRenders() {
        AvatarVideo rendered = rendering(ACME, 0, ACCOUNT);
        AvatarVideo failed = rendering(ACME, 1, ACCOUNT);
        rendering(GLOBEX, 2, ACCOUNT);
        work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_RENDERED, rendered.renderId()), T0.plusSeconds(5));
        work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_FAILED, failed.renderId()), T0.plusSeconds(5));

        assertThat(work.submissions().inFlight(ACCOUNT, T0.plusSeconds(5))).isEqualTo(Map.of(GLOBEX, 1));
        assertThat(work.videos().findById(rendered.id()).orElseThrow().status()).as("still to be checked and copied")
                .isEqualTo(VideoStatus.RENDERING);
    }

    @Test
    void claimingRunsTheWorkAndAnswersWhatItAnswers() {
        AvatarVideo video = queued(ACME, 0);

        List<AvatarVideo> claimed = work.submissions().whileClaimingFor(ACCOUNT,
                () -> work.submissions().claim(List.of(video.id()), ACCOUNT, T0)).orElseThrow();

        assertThat(claimed).extracting(AvatarVideo::id).containsExactly(video.id());
        assertThat(work.submissions().tenantsWaiting(T0)).isEmpty();
    }

    @Test
    void aPauseLastsUntilItsEndForItsAccountOnly() {
        work.submissions().pause(ACCOUNT, T0.plusSeconds(30));

        assertThat(work.submissions().pausedUntil(ACCOUNT, T0.plusSeconds(29))).contains(T0.plusSeconds(30));
        assertThat(work.submissions().pausedUntil(ACCOUNT, T0.plusSeconds(30))).isEmpty();
        assertThat(work.submissions().pausedUntil(OTHER_ACCOUNT, T0)).isEmpty();

        work.submissions().pause(ACCOUNT, T0.plusSeconds(10));
        assertThat(work.submissions().pausedUntil(ACCOUNT, T0)).as("a shorter pause does not cut a longer one").contains(T0.plusSeconds(30));
    }

    @Test
    void theAccountAVideoWasSubmittedOnIsKnown() {
        AvatarVideo submitted = rendering(ACME, 0, OTHER_ACCOUNT);
        AvatarVideo waiting = queued(GLOBEX, 1);

        assertThat(work.submitted().accountOf(submitted.id())).contains(OTHER_ACCOUNT);
        assertThat(work.submitted().accountOf(waiting.id())).as("never submitted").isEmpty();
    }

    // ---- render checks

    @Test
    void aRenderIsDueAtItsFirstCheckAndClaimedByOneTrackerAtATime() {
        AvatarVideo video = rendering(ACME, 0, ACCOUNT);
        Instant first = T0.plusSeconds(30);

        assertThat(work.checks().claimDue(first.minusMillis(1), 10)).isEmpty();
        List<TrackedRender> due = work.checks().claimDue(first, 10);

        assertThat(due).singleElement().satisfies(render -> {
            assertThat(render.video()).isEqualTo(work.videos().findById(video.id()).orElseThrow());
            assertThat(render.account()).contains(ACCOUNT);
            assertThat(render.renderingSince()).isEqualTo(T0);
            assertThat(render.checks()).isZero();
            assertThat(render.eventAt()).isEmpty();
        });
        assertThat(work.checks().claimDue(first, 10)).as("held").isEmpty();

        work.checks().release(video.id());
        assertThat(work.checks().claimDue(first, 10)).hasSize(1);
    }

    @Test
    void rescheduledChecksComeDueAgainLaterAndCountOnlyRealChecks() {
        AvatarVideo video = rendering(ACME, 0, ACCOUNT);
        work.checks().claimDue(T0.plusSeconds(30), 10);

        work.checks().reschedule(video.id(), T0.plusSeconds(75), true);
        assertThat(work.checks().claimDue(T0.plusSeconds(74), 10)).isEmpty();
        assertThat(work.checks().claimDue(T0.plusSeconds(75), 10)).singleElement().extracting(TrackedRender::checks).isEqualTo(1);

        work.checks().reschedule(video.id(), T0.plusSeconds(90), false);
        assertThat(work.checks().claimDue(T0.plusSeconds(90), 10)).singleElement().extracting(TrackedRender::checks).isEqualTo(1);
    }

    @Test
    void dueChecksComeLongestDueFirstUpToTheLimit() {
        AvatarVideo later = rendering(ACME, 10, ACCOUNT);
        AvatarVideo earlier = rendering(ACME, 0, ACCOUNT);
        AvatarVideo middle = rendering(GLOBEX, 5, OTHER_ACCOUNT);

        assertThat(work.checks().claimDue(T0.plusSeconds(100), 2)).extracting(r -> r.video().id()).containsExactly(earlier.id(), middle.id());
        assertThat(work.checks().claimDue(T0.plusSeconds(100), 2)).extracting(r -> r.video().id()).containsExactly(later.id());
    }

    @Test
    void rendersNotDueYetRideAlongOnlyForTheirAccountSoonestFirst() {
        AvatarVideo due = rendering(ACME, 0, ACCOUNT);
        AvatarVideo soon = rendering(ACME, 20, ACCOUNT);
        AvatarVideo later = rendering(GLOBEX, 40, ACCOUNT);
        rendering(ACME, 10, OTHER_ACCOUNT);
        work.checks().claimDue(T0.plusSeconds(30), 10);

        List<TrackedRender> along = work.checks().claimNextDue(ACCOUNT, 5, T0.plusSeconds(35));

        assertThat(along).extracting(r -> r.video().id()).containsExactly(soon.id(), later.id()).doesNotContain(due.id());
        assertThat(work.checks().claimNextDue(ACCOUNT, 5, T0.plusSeconds(35))).as("held").isEmpty();
    }

    @Test
    void onlyRenderingVideosAreChecked() {
        AvatarVideo video = rendering(ACME, 0, ACCOUNT);
        work.videos().update(current(video).fail(new VideoFailure("x", "gone"), T0.plusSeconds(1)));

        assertThat(work.checks().claimDue(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    }

    @Test
    void rendersNoEventNamedAreListedLongestRenderingFirst() {
        AvatarVideo old = rendering(ACME, 0, ACCOUNT);
        AvatarVideo announced = rendering(ACME, 1, ACCOUNT);
        AvatarVideo recent = rendering(GLOBEX, 100, ACCOUNT);
        AvatarVideo older = rendering(GLOBEX, -5, ACCOUNT);
        work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_RENDERED, announced.renderId()), T0.plusSeconds(50));
        work.inbox().apply(T0.plusSeconds(50), T0);

        assertThat(work.checks().withoutEvent(T0.plusSeconds(10), 10)).extracting(r -> r.video().id()).containsExactly(older.id(), old.id());
        assertThat(work.checks().withoutEvent(T0.plusSeconds(10), 1)).hasSize(1);
        assertThat(work.checks().countWithoutEvent(T0.plusSeconds(10))).isEqualTo(2);
        assertThat(work.checks().countWithoutEvent(T0.plusSeconds(100))).isEqualTo(3);
        assertThat(recent).isNotNull();
    }

    // ---- events

    @Test
    void anEventIsKeptOnceAndEveryDeliveryCounted() {
        RenderEvent event = new RenderEvent(WebhookEvent.VIDEO_RENDERED, new RenderId("r-1"));

        assertThat(work.inbox().add(event, T0)).isTrue();
        assertThat(work.inbox().add(event, T0.plusSeconds(5))).isFalse();
        assertThat(work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_FAILED, new RenderId("r-1")), T0.plusSeconds(1))).isTrue();

        assertThat(work.inbox().deliveries()).isEqualTo(3);
        assertThat(work.inbox().lastReceivedAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void nothingReceivedYetSaysSo() {
        assertThat(work.inbox().lastReceivedAt()).isEmpty();
        assertThat(work.inbox().deliveries()).isZero();
        assertThat(work.inbox().apply(T0, T0)).isZero();
    }

    @Test
    void applyingAnEventAsksForAFreshCheckOfItsRenderingVideoOnce() {
        AvatarVideo video = rendering(ACME, 0, ACCOUNT);
        work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_RENDERED, video.renderId()), T0.plusSeconds(3));

        assertThat(work.ingest().claimForIngest(T0.plusSeconds(4), 10)).isEmpty();
        assertThat(work.inbox().apply(T0.plusSeconds(4), T0)).isEqualTo(1);
        assertThat(work.inbox().apply(T0.plusSeconds(5), T0)).as("settled").isZero();

        assertThat(work.ingest().claimForIngest(T0.plusSeconds(5), 10)).extracting(AvatarVideo::id).containsExactly(video.id());
        assertThat(work.checks().withoutEvent(T0.plusSeconds(10), 10)).isEmpty();
    }

    @Test
    void anEventForARenderNoVideoHasYetWaitsForItUntilItIsForgotten() {
        RenderEvent early = new RenderEvent(WebhookEvent.VIDEO_RENDERED, new RenderId("render-" + VideoId.newId()));
        work.inbox().add(early, T0);
        assertThat(work.inbox().apply(T0.plusSeconds(1), T0)).isZero();

        AvatarVideo video = queued(ACME, 2);
        work.videos().update(current(video).startRendering(early.renderId(), T0.plusSeconds(2)));
        work.checks().startTracking(video.id(), ACCOUNT, T0.plusSeconds(2), T0.plusSeconds(32));
        assertThat(work.inbox().apply(T0.plusSeconds(3), T0)).isEqualTo(1);

        RenderEvent stray = new RenderEvent(WebhookEvent.VIDEO_RENDERED, new RenderId("render-unknown"));
        work.inbox().add(stray, T0.plusSeconds(4));
        work.inbox().apply(T0.plusSeconds(5), T0.plusSeconds(5));
        AvatarVideo late = queued(ACME, 6);
        work.videos().update(current(late).startRendering(stray.renderId(), T0.plusSeconds(6)));
        work.checks().startTracking(late.id(), ACCOUNT, T0.plusSeconds(6), T0.plusSeconds(36));
        assertThat(work.inbox().apply(T0.plusSeconds(7), T0)).as("forgotten before its video came").isZero();
    }

    @Test
    void anEventForAVideoPastRenderingChangesNothing() {
        AvatarVideo video = rendering(ACME, 0, ACCOUNT);
        work.videos().update(current(video).startIngesting(T0.plusSeconds(1)));
        work.videos().update(current(video).fail(new VideoFailure("x", "y"), T0.plusSeconds(2)));
        work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_RENDERED, video.renderId()), T0.plusSeconds(3));

        assertThat(work.inbox().apply(T0.plusSeconds(4), T0)).isZero();
        assertThat(work.ingest().claimForIngest(T0.plusSeconds(4), 10)).isEmpty();
    }

    // ---- ingest

    @Test
    void ingestTakesTenantsInTurnSoOnesBurstDoesNotHoldUpAnothersVideo() {
        AvatarVideo burstFirst = ingesting(ACME, 0);
        AvatarVideo burstSecond = ingesting(ACME, 1);
        AvatarVideo burstThird = ingesting(ACME, 2);
        AvatarVideo other = ingesting(GLOBEX, 3);

        assertThat(work.ingest().claimForIngest(T0.plusSeconds(30), 2)).extracting(AvatarVideo::id)
                .containsExactlyInAnyOrder(burstFirst.id(), other.id());
        assertThat(work.ingest().claimForIngest(T0.plusSeconds(30), 10)).extracting(AvatarVideo::id)
                .containsExactlyInAnyOrder(burstSecond.id(), burstThird.id());
    }

    @Test
    void ingestTakesIngestingVideosNotBackingOffAndNotHeldLeastRecentlyChangedFirst() {
        AvatarVideo fresh = ingesting(ACME, 0);
        AvatarVideo backingOff = ingesting(ACME, 1);
        AvatarVideo second = ingesting(GLOBEX, 2);
        work.videos().update(current(backingOff).ingestAttemptFailed(new IngestRetry(URI.create("https://renderer.example/v.mp4"),
                T0.plus(Duration.ofDays(6)), T0.plusSeconds(60), "bucket unreachable"), T0.plusSeconds(3)));
        rendering(ACME, 4, ACCOUNT);

        assertThat(work.ingest().claimForIngest(T0.plusSeconds(30), 10)).extracting(AvatarVideo::id).containsExactly(fresh.id(), second.id());
        assertThat(work.ingest().claimForIngest(T0.plusSeconds(30), 10)).as("held").isEmpty();
        assertThat(work.ingest().claimForIngest(T0.plusSeconds(60), 10)).extracting(AvatarVideo::id).containsExactly(backingOff.id());
    }

    @Test
    void finishingSettlesTheRequestedCheckAndRetryingDelaysIt() {
        AvatarVideo video = rendering(ACME, 0, ACCOUNT);
        work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_RENDERED, video.renderId()), T0.plusSeconds(1));
        work.inbox().apply(T0.plusSeconds(1), T0);

        assertThat(work.ingest().claimForIngest(T0.plusSeconds(2), 10)).hasSize(1);
        work.ingest().retryAt(video.id(), T0.plusSeconds(12));
        assertThat(work.ingest().claimForIngest(T0.plusSeconds(11), 10)).isEmpty();
        assertThat(work.ingest().claimForIngest(T0.plusSeconds(12), 10)).hasSize(1);

        work.ingest().finish(video.id());
        assertThat(work.ingest().claimForIngest(T0.plusSeconds(20), 10)).isEmpty();
        assertThat(work.checks().claimDue(T0.plusSeconds(30), 10)).as("tracking goes on as scheduled").hasSize(1);
    }

    @Test
    void anIngestingVideoClaimedWhileRenderingStaysClaimed() {
        AvatarVideo video = rendering(ACME, 0, ACCOUNT);
        work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_RENDERED, video.renderId()), T0.plusSeconds(1));
        work.inbox().apply(T0.plusSeconds(1), T0);
        work.ingest().claimForIngest(T0.plusSeconds(2), 10);

        work.videos().update(current(video).startIngesting(T0.plusSeconds(3)));

        assertThat(work.ingest().claimForIngest(T0.plusSeconds(4), 10)).as("still held by whoever is copying it").isEmpty();
        work.ingest().finish(video.id());
        assertThat(work.ingest().claimForIngest(T0.plusSeconds(4), 10)).hasSize(1);
    }

    // ---- a new render attempt

    /**
     * A retried video is a new render: nothing of the failed render's tracking carries over (the database clears it in
     * the same statement that saves the new attempt), so it counts against no account and waits for no check.
     */
    @Test
    void aRetriedVideoStartsItsTrackingAfresh() {
        AvatarVideo video = rendering(ACME, 0, ACCOUNT);
        work.inbox().add(new RenderEvent(WebhookEvent.VIDEO_FAILED, video.renderId()), T0.plusSeconds(1));
        work.inbox().apply(T0.plusSeconds(1), T0);
        work.ingest().retryAt(video.id(), T0.plusSeconds(100));
        AvatarVideo failed = work.videos().update(current(video).fail(new VideoFailure("render_failed", "no"), T0.plusSeconds(2)));

        AvatarVideo retried = work.videos().update(failed.retry(T0.plusSeconds(3)));

        assertThat(retried.renderAttempt()).isEqualTo(2);
        assertThat(work.submitted().accountOf(video.id())).as("the failed render's account").isEmpty();
        assertThat(work.submissions().inFlight(ACCOUNT, T0.plusSeconds(4))).isEmpty();
        assertThat(work.submissions().tenantsWaiting(T0.plusSeconds(4))).containsExactly(ACME);
        AvatarVideo claimed = work.submissions().claim(List.of(video.id()), OTHER_ACCOUNT, T0.plusSeconds(4)).getFirst();
        work.videos().update(claimed.startRendering(new RenderId("render-2-" + video.id()), T0.plusSeconds(5)));
        work.checks().startTracking(video.id(), OTHER_ACCOUNT, T0.plusSeconds(5), T0.plusSeconds(35));
        assertThat(work.checks().claimDue(T0.plusSeconds(35), 10)).singleElement().satisfies(render -> {
            assertThat(render.account()).contains(OTHER_ACCOUNT);
            assertThat(render.checks()).isZero();
            assertThat(render.eventAt()).as("the first render's event").isEmpty();
        });
    }

    // ---- statistics

    @Test
    void countsVideosInFlightByStatusAndQueuedOnesPerTenant() {
        queued(ACME, 0);
        queued(ACME, 1);
        queued(GLOBEX, 2);
        rendering(ACME, 3, ACCOUNT);
        ingesting(GLOBEX, 4);
        AvatarVideo failed = queued(GLOBEX, 5);
        work.videos().update(current(failed).fail(new VideoFailure("x", "y"), T0.plusSeconds(6)));

        assertThat(work.statistics().inFlightByStatus()).isEqualTo(Map.of(VideoStatus.QUEUED, 3L, VideoStatus.RENDERING, 1L, VideoStatus.INGESTING, 1L));
        assertThat(work.statistics().queuedPerTenant()).isEqualTo(Map.of(ACME, 2L, GLOBEX, 1L));
        assertThat(work.statistics().byStatus())
                .isEqualTo(Map.of(VideoStatus.QUEUED, 3L, VideoStatus.RENDERING, 1L, VideoStatus.INGESTING, 1L, VideoStatus.FAILED, 1L));
    }

    private AvatarVideo queued(TenantId tenant, int second) {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, "video at " + second, List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, T0.plusSeconds(second));
        work.videos().add(video);
        return video;
    }

    /** Submitted at {@code T0 + second} on {@code account}, first checked 30 s later. */
    private AvatarVideo rendering(TenantId tenant, int second, RendererAccount account) {
        AvatarVideo video = queued(tenant, second);
        Instant at = T0.plusSeconds(second);
        AvatarVideo rendering = work.videos().update(video.startRendering(new RenderId("render-" + video.id()), at));
        work.checks().startTracking(video.id(), account, at, at.plusSeconds(30));
        return rendering;
    }

    private AvatarVideo ingesting(TenantId tenant, int second) {
        AvatarVideo video = rendering(tenant, second, ACCOUNT);
        return work.videos().update(current(video).startIngesting(T0.plusSeconds(second)));
    }

    private AvatarVideo current(AvatarVideo video) {
        return work.videos().findById(video.id()).orElseThrow();
    }
}
