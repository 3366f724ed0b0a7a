package dev.avatarvideo.application.service;

import dev.avatarvideo.application.fakes.InMemoryCallbackSecrets;
import dev.avatarvideo.application.fakes.FakeMediaFactsReader;
import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.InMemoryRendererCallCounts;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.fakes.InMemoryVideoWork;
import dev.avatarvideo.application.fakes.InMemoryTopics;
import dev.avatarvideo.application.fakes.InMemoryUnclaimedObjects;
import dev.avatarvideo.application.fakes.InMemoryVideoCallbacks;
import dev.avatarvideo.application.fakes.InMemoryVideoWaits;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.RollbackTransactions;
import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.time.Duration;
import java.util.List;

/** The services wired to in-memory fakes, the way bootstrap wires them to real adapters. */
final class ServiceTestKit {

    static final TenantId TENANT = TenantId.of("acme");
    static final Duration UPLOAD_GRACE = Duration.ofMinutes(10);
    static final TopicLimits LIMITS = new TopicLimits(20, 1_000);
    static final RendererCredentials KEY = new RendererCredentials("test-renderer-key");
    /** Large enough that no test meets it unless it means to. */
    static final RenderSubmitter.Budget UNLIMITED = new RenderSubmitter.Budget(10_000, 50);

    final TestClock clock = new TestClock();
    final InMemoryVideos videos = new InMemoryVideos();
    final InMemoryFileStorage storage = new InMemoryFileStorage(clock);
    final FakeMediaFactsReader mediaFacts = new FakeMediaFactsReader(storage);
    final InMemoryUnclaimedObjects unclaimed = new InMemoryUnclaimedObjects();
    final InMemoryTopics topics = new InMemoryTopics();
    final InMemoryVideoWork work = new InMemoryVideoWork(videos);
    final InMemoryVideoWaits waits = new InMemoryVideoWaits(videos);
    final WaitingReasons waiting = new WaitingReasons(waits, clock);
    final InMemoryRendererCallCounts calls = new InMemoryRendererCallCounts(clock.now());
    final InMemoryVideoCallbacks callbacks = new InMemoryVideoCallbacks();
    final InMemoryCallbackSecrets callbackSecrets = new InMemoryCallbackSecrets();
    final ScriptedHostLookup dns = new ScriptedHostLookup();
    final ReceiverScreening screening = new ReceiverScreening(dns, ReceiverAddressPolicy.publicOnly());
    final RollbackTransactions transactions = new RollbackTransactions(videos, topics, unclaimed, work, callbacks, callbackSecrets);
    final CrashSafeStorage files = new CrashSafeStorage(storage, unclaimed, transactions, clock, UPLOAD_GRACE);
    /** Refuses {@link #KEY} until a test accepts it, so the id check lets every id through unless a test fills the catalog. */
    final InMemoryRendererCatalog catalog = new InMemoryRendererCatalog();
    final RendererIdCheck rendererIds = new RendererIdCheck(catalog, tenant -> KEY, Duration.ofSeconds(5));
    final ScriptedVideoRenderer renderer;
    final TrackingPolicy policy;
    final GenerateAvatarVideoService generate;
    final RenderSubmitter submitter;
    final RenderTracker tracker;
    final VideoIngester ingester;
    final AvatarVideoQueries queries;
    final TopicSaver topicSaver;
    final TopicQueries topicQueries;
    final TopicDeleter topicDeleter;
    final UnclaimedObjectSweeper sweeper;

    ServiceTestKit() {
        this(new ScriptedVideoRenderer());
    }

    ServiceTestKit(ScriptedVideoRenderer renderer) {
        this(renderer, TrackingPolicy.DEFAULT, UNLIMITED);
    }

    ServiceTestKit(ScriptedVideoRenderer renderer, TrackingPolicy policy, RenderSubmitter.Budget budget) {
        this.renderer = renderer;
        this.policy = policy;
        generate = new GenerateAvatarVideoService(videos, callbacks, callbackSecrets, transactions, screening, rendererIds, clock);
        RendererAccess access = new RendererAccess(tenant -> KEY, credentials -> renderer, work, calls);
        submitter = new RenderSubmitter(videos, work, work, transactions, access, clock, policy, budget, waiting);
        tracker = new RenderTracker(videos, work, transactions, access, clock, policy, 1000, waiting);
        ingester = new VideoIngester(videos, work, access, transactions, new LessonBundles(files, storage, mediaFacts), clock, failures -> Duration.ofSeconds(10L * failures), 10);
        queries = new AvatarVideoQueries(videos, storage);
        topicSaver = new TopicSaver(topics, videos, storage, files, clock, LIMITS, rendererIds);
        topicQueries = new TopicQueries(topics, videos, storage);
        topicDeleter = new TopicDeleter(topics, files, transactions);
        sweeper = new UnclaimedObjectSweeper(unclaimed, storage, transactions, clock, 100);
    }

    AvatarVideo request(String title) {
        return request(TENANT, title);
    }

    /** Each request a microsecond after the one before, so "oldest first" has one answer. */
    AvatarVideo request(TenantId tenant, String title) {
        clock.advance(Duration.ofNanos(1_000));
        return generate.generate(GenerateAvatarVideoCommand.fromFields(tenant, title, "720p", "16:9",
                List.of(new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Hello from " + title))));
    }

    AvatarVideo reload(VideoId id) {
        return videos.findById(id).orElseThrow();
    }

    /** Moves the clock to the first status check of a video submitted now. */
    void untilFirstCheck() {
        clock.advance(policy.firstCheck());
    }

    long videosIn(dev.avatarvideo.domain.VideoStatus status) {
        return videos.all().stream().filter(v -> v.status() == status).count();
    }
}
