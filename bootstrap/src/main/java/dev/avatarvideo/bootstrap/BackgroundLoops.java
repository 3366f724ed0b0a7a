package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.adapters.runtime.LoopSignals.EVENTS;
import static dev.avatarvideo.adapters.runtime.LoopSignals.NOTIFY;
import static dev.avatarvideo.adapters.runtime.LoopSignals.SUBMIT;
import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.adapters.persistence.AesGcmSealing;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.adapters.persistence.WorkerLeases;
import dev.avatarvideo.adapters.storage.Mp4MediaFactsReader;
import dev.avatarvideo.adapters.runtime.BackgroundWork;
import dev.avatarvideo.adapters.runtime.FailsafeRetryBackoff;
import dev.avatarvideo.application.port.in.rendering.SetUpRendererWebhook;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.port.out.rendering.VideoRenderers;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.application.service.CrashSafeStorage;
import dev.avatarvideo.application.service.NotificationDeliverer;
import dev.avatarvideo.application.service.RenderSubmitter;
import dev.avatarvideo.application.service.RenderTracker;
import dev.avatarvideo.application.service.RendererAccess;
import dev.avatarvideo.application.service.RendererKeyRegistry;
import dev.avatarvideo.application.service.RendererWebhookSetup;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.application.service.UnclaimedObjectSweeper;
import dev.avatarvideo.application.service.LessonBundles;
import dev.avatarvideo.application.service.VideoIngester;
import java.time.Duration;

/**
 * The loops that carry the flow on in the background, one use case each: submit, track, act on events, ingest, deliver
 * notifications, sweep; and those that keep this instance's claims alive. A loop that handled something wakes the next
 * step ({@code track} and {@code events} wake {@code ingest}), and whatever may have freed a render slot wakes
 * {@code submit}. Copies run on {@code INGEST_PARALLEL_COPIES} workers.
 */
final class BackgroundLoops {

    private static final String INGEST = "ingest";
    private static final Duration RENDER_STEP_INTERVAL = Duration.ofMillis(500);
    private static final int SUBMISSIONS_PER_ROUND = 50;
    private static final int CHECKS_PER_ROUND = 1_000;
    private static final int SWEEPS_PER_ROUND = 100;
    /** Spreads the retries of videos that failed together (a storage outage) so they do not all return at once. */
    private static final double INGEST_RETRY_JITTER = 0.2;
    private static final Duration WEBHOOK_SETUP_RETRY = Duration.ofSeconds(30);
    /** So a receiver back from an outage is not met by every retry at once. */
    private static final double WEBHOOK_RETRY_JITTER = 0.2;
    /** Deliveries sent at once per round; each waits for its receiver on a virtual thread. */
    private static final int WEBHOOK_BATCH = 50;

    private BackgroundLoops() {
    }

    static void start(BackgroundWork background, Configuration config, Persistence persistence, HeyGen heygen, Storage storage,
                      UseCases useCases) {
        keepClaims(background, config, useCases);
        renders(background, config, persistence, heygen, storage, useCases);
        UnclaimedObjectSweeper sweeper = new UnclaimedObjectSweeper(persistence.database().unclaimedObjects(), storage.files(),
                persistence.database().transactions(), CLOCK, SWEEPS_PER_ROUND);
        background.every(config.sweeper().interval(), "sweep", sweeper::sweepOnce);
        notifications(background, config.notifications(), persistence, storage, useCases.notifications());
    }

    /** This instance's claims on videos and on idempotent requests, renewed until every other loop has stopped. */
    private static void keepClaims(BackgroundWork background, Configuration config, UseCases useCases) {
        Duration renewEvery = config.tracking().leaseLength().dividedBy(3);
        background.everyUntilOthersStop(renewEvery, "leases", () -> {
            useCases.tracking().leases().renew(CLOCK.now());
            return 0;
        });
        background.everyUntilOthersStop(renewEvery, "idempotency-leases", () -> {
            useCases.access().deduplicator().renewLeases();
            return 0;
        });
        background.every(config.sweeper().interval(), "idempotency-sweep", useCases.access().deduplicator()::forgetExpired);
    }

    /** The flow's steps: submit queued videos, track renders, act on render events, copy finished videos into storage. */
    private static void renders(BackgroundWork background, Configuration config, Persistence persistence, HeyGen heygen, Storage storage,
                                UseCases useCases) {
        PostgresDatabase database = persistence.database();
        Configuration.Tracking tracking = config.tracking();
        TrackingPolicy policy = useCases.tracking().policy();
        WorkerLeases leases = useCases.tracking().leases();
        Videos videos = database.videos();
        Transactions transactions = database.transactions();
        SubmissionQueue submissions = useCases.tracking().submissions();
        RenderChecks checks = useCases.tracking().checks();
        RendererCallCounts calls = useCases.tracking().calls();
        RendererKeyRegistry accounts = useCases.rendering().accounts();
        VideoRenderers renderers = heygen.renderers();
        CrashSafeStorage crashSafeStorage = useCases.content().files();
        RendererAccess access = new RendererAccess(accounts, renderers, database.submittedAccounts(), calls);
        RenderSubmitter submitter = new RenderSubmitter(videos, submissions, checks, transactions, access, CLOCK, policy,
                new RenderSubmitter.Budget(tracking.rendersPerKey(), SUBMISSIONS_PER_ROUND), useCases.tracking().waiting());
        RenderTracker tracker = new RenderTracker(videos, checks, transactions, access, CLOCK, policy, CHECKS_PER_ROUND,
                useCases.tracking().waiting());
        LessonBundles bundles = new LessonBundles(crashSafeStorage, storage.files(), new Mp4MediaFactsReader(storage.files()));
        VideoIngester ingester = new VideoIngester(videos, database.ingestQueue(leases), access, transactions, bundles, CLOCK,
                new FailsafeRetryBackoff(config.ingest().firstDelay(), config.ingest().maxDelay(), INGEST_RETRY_JITTER), 1);
        background.every(RENDER_STEP_INTERVAL, SUBMIT, submitter::submitQueued);
        // A render that ended frees its slot on the key: the steps that see it end wake the submitter, not its next round.
        background.every(trackerTick(policy), "track", tracker::trackOnce, INGEST, SUBMIT);
        background.every(RENDER_STEP_INTERVAL, EVENTS, useCases.tracking().renderEvents()::applyReceived, INGEST, SUBMIT);
        // Each worker claims one video at a time, so a slow copy holds back only its own worker.
        background.everyOnWorkers(config.ingest().parallelCopies(), RENDER_STEP_INTERVAL, INGEST, ingester::ingestPending, SUBMIT);
    }

    private static void notifications(BackgroundWork background, Configuration.Notifications settings, Persistence persistence, Storage storage,
                                      PlatformNotifications notifications) {
        NotificationDeliverer deliverer = new NotificationDeliverer(persistence.database().outbox(persistence.sealing()),
                notifications.sender(), storage.files(),
                new FailsafeRetryBackoff(settings.webhookRetryFirstDelay(), settings.webhookRetryMaxDelay(), WEBHOOK_RETRY_JITTER),
                settings.webhookGiveUpAfter(), deliveryLease(settings.webhookTimeout()), CLOCK, WEBHOOK_BATCH);
        background.every(settings.webhookPollInterval(), NOTIFY, deliverer::deliverDue);
    }

    /**
     * Registers the webhooks HeyGen calls (the service's account, and each tenant's own), retrying the ones not set up yet.
     * HeyGen probes the address when it is registered, so this runs once the server answers.
     */
    static void setUpWebhooks(BackgroundWork background, UseCases useCases) {
        useCases.tracking().webhookSetup().ifPresent(setup -> {
            if (!setUpWebhook(setup).ready()) {
                background.every(WEBHOOK_SETUP_RETRY, "webhook-setup", () -> {
                    if (!setup.lastSetup().ready()) {
                        setUpWebhook(setup);
                    }
                    return 0;
                });
            }
        });
        useCases.rendering().accountWebhooks().ifPresent(setups -> {
            useCases.rendering().accounts().setUpWebhooks();
            background.every(WEBHOOK_SETUP_RETRY, "account-webhook-setup", setups::retryUnready);
        });
    }

    private static SetUpRendererWebhook.WebhookSetup setUpWebhook(RendererWebhookSetup setup) {
        try {
            return setup.setUp();
        } catch (AesGcmSealing.SealedWithAnotherKeyException e) {
            throw Persistence.anotherMasterKey(e);
        }
    }

    /** The tracker looks for due checks often (an indexed query); HeyGen is asked only when a check is due. */
    private static Duration trackerTick(TrackingPolicy policy) {
        Duration half = policy.firstCheck().dividedBy(2);
        return half.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : half.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : half;
    }

    /** Longer than any attempt can take, so no other instance claims a delivery while it is still being sent. */
    private static Duration deliveryLease(Duration webhookTimeout) {
        Duration lease = webhookTimeout.multipliedBy(6);
        return lease.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : lease;
    }
}
