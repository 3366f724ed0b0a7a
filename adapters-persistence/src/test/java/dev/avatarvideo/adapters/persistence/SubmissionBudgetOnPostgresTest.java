package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.InMemoryRendererCallCounts;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.service.RenderSubmitter;
import dev.avatarvideo.application.service.RendererAccess;
import dev.avatarvideo.application.service.WaitingReasons;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.WebhookEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-key budget on a real PostgreSQL, with several submitters (as several instances would) at once: never more
 * renders in flight than the budget, no video sent twice, no submitter waiting for another's claim, and a render the
 * renderer announced as ended freeing its slot while its video still waits for its copy.
 */
class SubmissionBudgetOnPostgresTest {

    private static final int BUDGET = 5;
    private static final int INSTANCES = 3;
    private static final RendererCredentials KEY = new RendererCredentials("key");
    private static final RendererAccount BUSY_ACCOUNT = new RendererAccount("aaaaaaaaaaaa");

    private DatabaseForTests fixture;
    private PostgresDatabase database;
    private final TestClock clock = new TestClock();
    private final ScriptedVideoRenderer renderer = new ScriptedVideoRenderer();
    private final List<RenderSubmitter> submitters = new ArrayList<>();
    private SubmissionQueue queue;

    @BeforeEach
    void connect() {
        fixture = DatabaseForTests.migrated();
        database = fixture.database();
        for (int i = 0; i < INSTANCES; i++) {
            WorkerLeases leases = database.leases(Duration.ofMinutes(1));
            RendererAccess access = new RendererAccess(tenant -> KEY, credentials -> renderer, database.submittedAccounts(),
                    new InMemoryRendererCallCounts(clock.now()));
            submitters.add(new RenderSubmitter(database.videos(), database.submissionQueue(leases), database.renderChecks(leases),
                    database.transactions(), access, clock, TrackingPolicy.DEFAULT, new RenderSubmitter.Budget(BUDGET, 50),
                    new WaitingReasons(database.videoWaits(), clock)));
        }
        queue = database.submissionQueue(database.leases(Duration.ofMinutes(1)));
    }

    @AfterEach
    void disconnect() {
        database.close();
    }

    @Test
    void submittersRacingNeverExceedTheBudgetNorSendAVideoTwiceAndAnEndedRenderFreesItsSlotBeforeItsCopy() throws Exception {
        List<AvatarVideo> videos = new ArrayList<>();
        for (int i = 0; i < 4 * BUDGET; i++) {
            videos.add(queued(i % 2 == 0 ? "acme" : "globex"));
        }

        submitAllAtOnce();

        assertThat(renderer.submissions()).as("the budget, over all submitters").hasSize(BUDGET).doesNotHaveDuplicates();

        List<VideoId> firstWave = renderer.submissions();
        firstWave.forEach(video -> database.renderEventInbox().add(new RenderEvent(WebhookEvent.VIDEO_RENDERED, renderer.renderOf(video)),
                clock.now()));
        submitAllAtOnce();

        assertThat(renderer.submissions()).as("the ended renders' slots went to the next videos").hasSize(2 * BUDGET)
                .doesNotHaveDuplicates();
        assertThat(firstWave).allSatisfy(video -> assertThat(database.videos().findById(video).orElseThrow().status())
                .as("not yet checked nor copied").isEqualTo(VideoStatus.RENDERING));
        assertThat(videos).filteredOn(video -> database.videos().findById(video.id()).orElseThrow().status() == VideoStatus.QUEUED)
                .as("the rest wait").hasSize(2 * BUDGET);
    }

    @Test
    void aSubmitterDoesNotWaitWhileAnotherClaimsForTheSameAccount() {
        Jdbi other = Jdbi.create(fixture.connection().dataSource());
        try (Handle holder = other.open()) {
            holder.begin();
            holder.createQuery("SELECT pg_advisory_xact_lock(:space, hashtext('aaaaaaaaaaaa'))")
                    .bind("space", JdbiSubmissionQueue.SUBMISSION_LOCKS).mapTo(String.class).one();

            assertThat(queue.whileClaimingFor(BUSY_ACCOUNT, () -> "claimed")).as("busy: answered at once, nothing run").isEmpty();
            assertThat(queue.whileClaimingFor(new RendererAccount("bbbbbbbbbbbb"), () -> "claimed")).contains("claimed");

            holder.rollback();
        }
        assertThat(queue.whileClaimingFor(BUSY_ACCOUNT, () -> "claimed")).contains("claimed");
    }

    /** Every submitter runs rounds at the same moment, over and over, until none sends anything more. */
    private void submitAllAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
        try {
            int sent;
            do {
                CyclicBarrier start = new CyclicBarrier(INSTANCES);
                List<Future<Integer>> rounds = new ArrayList<>();
                for (RenderSubmitter submitter : submitters) {
                    rounds.add(threads.submit(() -> {
                        start.await();
                        return submitter.submitQueued();
                    }));
                }
                sent = 0;
                for (Future<Integer> round : rounds) {
                    sent += round.get();
                }
            } while (sent > 0);
        } finally {
            threads.shutdownNow();
        }
    }

    private AvatarVideo queued(String tenant) {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), TenantId.of(tenant), "Lesson", List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, clock.now());
        database.videos().add(video);
        return video;
    }
}
