package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.heygen.CachingRendererCatalog;
import dev.avatarvideo.adapters.heygen.HeyGenKeyCheck;
import dev.avatarvideo.adapters.heygen.HeyGenRendererCatalog;
import dev.avatarvideo.adapters.heygen.HeyGenSettings;
import dev.avatarvideo.adapters.heygen.HeyGenVideoRenderers;
import dev.avatarvideo.adapters.heygen.HeyGenWebhooks;
import dev.avatarvideo.adapters.persistence.AesGcmSealing;
import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import dev.avatarvideo.adapters.notifications.DnsHostLookup;
import dev.avatarvideo.adapters.notifications.HttpNotificationSender;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.adapters.persistence.WorkerLeases;
import dev.avatarvideo.adapters.storage.FileSystemFileStorage;
import dev.avatarvideo.adapters.storage.HmacFileAccessSigner;
import dev.avatarvideo.adapters.storage.S3FileStorage;
import dev.avatarvideo.adapters.storage.S3Settings;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideo;
import dev.avatarvideo.application.port.in.video.ReadStoredFile;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.video.RetryAvatarVideo;
import dev.avatarvideo.application.port.in.topic.SaveTopic;
import dev.avatarvideo.application.port.in.rendering.SetUpRendererWebhook;
import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.DependencyProbe;
import dev.avatarvideo.application.port.out.storage.FileAccessSigner;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.application.port.out.video.VideoEventNotifications;
import dev.avatarvideo.application.port.out.rendering.VideoRenderers;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.application.service.AccountWebhookSetups;
import dev.avatarvideo.application.service.ApiKeyService;
import dev.avatarvideo.application.service.AvatarVideoQueries;
import dev.avatarvideo.application.service.CallbackSecretService;
import dev.avatarvideo.application.service.CrashSafeStorage;
import dev.avatarvideo.application.service.GenerateAvatarVideoService;
import dev.avatarvideo.application.service.LiveVideoStatus;
import dev.avatarvideo.application.service.NotificationDeliverer;
import dev.avatarvideo.application.service.NotificationEndpointRegistry;
import dev.avatarvideo.application.service.ProcessingStatusQuery;
import dev.avatarvideo.application.service.RenderEventReceiver;
import dev.avatarvideo.application.service.RendererWebhookSetup;
import dev.avatarvideo.application.service.RendererCatalogQueries;
import dev.avatarvideo.application.service.RendererIdCheck;
import dev.avatarvideo.application.service.RendererKeyRegistry;
import dev.avatarvideo.application.service.RenderSubmitter;
import dev.avatarvideo.application.service.RenderTracker;
import dev.avatarvideo.application.service.ReadinessCheck;
import dev.avatarvideo.application.service.ReceiverScreening;
import dev.avatarvideo.application.service.RequestDeduplicator;
import dev.avatarvideo.application.service.StoredFileReader;
import dev.avatarvideo.application.service.TopicDeleter;
import dev.avatarvideo.application.service.TopicLimits;
import dev.avatarvideo.application.service.TopicQueries;
import dev.avatarvideo.application.service.TopicSaver;
import dev.avatarvideo.application.service.TenantService;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.application.service.UnclaimedObjectSweeper;
import dev.avatarvideo.application.service.VideoDeleter;
import dev.avatarvideo.application.service.VideoIngester;
import dev.avatarvideo.application.service.VideoRetrier;
import dev.avatarvideo.domain.ApiKeyToken;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.WebhookSecret;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service, wired by hand: every adapter built from the configuration, every use case given its ports,
 * the HTTP API started and the background loops running. Closing it stops everything in reverse order.
 */
public final class AvatarVideoService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AvatarVideoService.class);
    /** The tenant a first start creates, so the walk-through works at once (and rows from before tenants stay reachable). */
    static final TenantId DEFAULT_TENANT = TenantId.of("default");
    private static final Clock CLOCK = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
    /** Spreads the retries of videos that failed together (a storage outage) so they do not all return at once. */
    private static final double INGEST_RETRY_JITTER = 0.2;
    private static final String SUBMIT = "submit";
    private static final String EVENTS = "events";
    private static final String INGEST = "ingest";
    private static final String NOTIFY = "notify";
    private static final int SUBMISSIONS_PER_ROUND = 50;
    private static final int CHECKS_PER_ROUND = 1_000;
    private static final Duration WEBHOOK_SETUP_RETRY = Duration.ofSeconds(30);
    /** So a receiver back from an outage is not met by every retry at once. */
    private static final double WEBHOOK_RETRY_JITTER = 0.2;
    /** Deliveries sent at once per round; each waits for its receiver on a virtual thread. */
    private static final int WEBHOOK_BATCH = 50;
    /** How many events a live status watcher may fall behind before it is dropped (and resumes by itself). */
    private static final int WATCH_CAPACITY = 1024;
    /** How long /health/ready waits for one dependency; a probe that takes longer counts as down. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** How long a readiness answer is reused: probes every second from a load balancer still ask the database rarely. */
    private static final Duration PROBE_FRESH_FOR = Duration.ofSeconds(5);
    /** HeyGen is asked about the key at most this often, however often readiness is probed. */
    private static final Duration HEYGEN_PROBE_FRESH_FOR = Duration.ofSeconds(30);
    /** How long the video counts behind the metrics are reused between scrapes. */
    private static final Duration VIDEO_COUNTS_FRESH_FOR = Duration.ofSeconds(10);
    /** Under DATA_DIR: where the built-in simulator keeps its state. */
    static final String SIMULATOR_STATE = "heygen-simulator";

    private final Deque<AutoCloseable> running;
    private final URI baseUrl;
    private final Configuration configuration;
    private final JavalinServer web;
    private final Optional<FirstTenant> firstTenant;

    /**
     * The tenant this start created because there was none, and where its key was written.
     *
     * @param key the key, to be printed once by {@code main}; it is in {@code keyFile} too
     */
    public record FirstTenant(TenantId tenantId, ApiKeyToken key, Path keyFile) {
    }

    private AvatarVideoService(Deque<AutoCloseable> running, URI baseUrl, Configuration configuration, JavalinServer web,
                               Optional<FirstTenant> firstTenant) {
        this.running = running;
        this.baseUrl = baseUrl;
        this.configuration = configuration;
        this.web = web;
        this.firstTenant = firstTenant;
    }

    /** Who stops an embedded PostgreSQL when the JVM exits. */
    public enum OnJvmExit {
        /** It stops by itself: a safety net for callers that may end without closing the service, such as tests. */
        DATABASE_STOPS_ITSELF,
        /**
         * The caller's shutdown hook closes the service, which stops the database last, after the work under way has
         * finished. The database must not stop by itself: the JVM runs every shutdown hook at once, so it would go down
         * in the middle of a graceful shutdown.
         */
        CALLER_CLOSES_SERVICE
    }

    public static AvatarVideoService start(Configuration config) {
        return start(config, OnJvmExit.DATABASE_STOPS_ITSELF);
    }

    public static AvatarVideoService start(Configuration config, OnJvmExit onJvmExit) {
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            // Before anything is set up (a key file, a tenant, a schema): a start that cannot succeed changes nothing.
            DataDirectoryLock.requireWritable(config.dataDir());
            Optional<DataDirectoryLock> dataDir = config.database().isPresent() ? Optional.empty()
                    : Optional.of(started(running, DataDirectoryLock.acquire(config.dataDir())));
            int port = config.port() == 0 ? freePort() : config.port();
            StartChecks.requirePortFree(config.bindAddress(), port);
            config.database().ifPresent(StartChecks::requireDatabaseAnswers);
            URI publicBaseUrl = config.publicBaseUrlFor(port);
            ServiceMetrics metrics = started(running, new ServiceMetrics());

            DatabaseSettings databaseSettings = config.database()
                    .map(d -> new DatabaseSettings(d.jdbcUrl(), d.user(), d.password(), 10))
                    .orElseGet(() -> started(running, embeddedDatabase(config.dataDir().resolve("postgres"), dataDir.orElseThrow(), onJvmExit)).settings(10));
            PostgresDatabase database = started(running, PostgresDatabase.connect(databaseSettings));
            Videos videos = database.videos();
            Transactions transactions = database.transactions();

            HeyGenSettings heygen = config.heygen()
                    .map(account -> HeyGenSettings.of(account.baseUrl(), account.apiKey()))
                    .orElseGet(() -> {
                        HeyGenSimulator simulator = started(running, startSimulator(config));
                        return HeyGenSettings.of(simulator.baseUrl(), simulator.apiKey());
                    });
            RendererCredentials heygenKey = new RendererCredentials(heygen.apiKey());
            RendererKeyCheck keyCheck = new MeteredRendererKeyCheck(new HeyGenKeyCheck(heygen), metrics.registry());
            checkHeyGenKey(keyCheck, heygenKey, heygen);
            VideoRenderers renderers = new MeteredVideoRenderers(new HeyGenVideoRenderers(heygen), metrics.registry());
            // One master key seals every secret the database keeps; refuse to start beside instances that use another.
            AesGcmSealing sealing = sealing(config);
            requireSecretsSealedWith(database, sealing);
            WebhookRegistrations registrations = database.webhookRegistrations(sealing);
            // Each tenant's own HeyGen account calls an address of its own, where only its secret verifies the call.
            Optional<AccountWebhookSetups> accountWebhooks = config.webhookUrlFor(port).map(url -> new AccountWebhookSetups(credentials ->
                    new RendererWebhookSetup(new HeyGenWebhooks(heygen), registrations, credentials,
                            URI.create(url + "/" + credentials.fingerprint()), Optional.empty(), CLOCK)));
            // A tenant renders with the HeyGen key it registered, else with the service's.
            RendererKeyRegistry accounts = new RendererKeyRegistry(database.rendererKeys(sealing), keyCheck, heygenKey, accountWebhooks, CLOCK);
            ExecutorService listingRefreshes = started(running, Executors.newVirtualThreadPerTaskExecutor());
            RendererCatalog catalog = new CachingRendererCatalog(new MeteredRendererCatalog(new HeyGenRendererCatalog(heygen), metrics.registry()),
                    CachingRendererCatalog.DEFAULT_REFRESH_AFTER, CachingRendererCatalog.DEFAULT_EXPIRE_AFTER, listingRefreshes);
            RendererCatalogQueries catalogQueries = new RendererCatalogQueries(catalog, accounts);
            RendererIdCheck rendererIds = new RendererIdCheck(catalog, accounts, RendererIdCheck.DEFAULT_PATIENCE);

            FileStorage storage;
            ReadStoredFile storedFiles;
            DependencyProbe storageProbe;
            switch (config.storageProvider()) {
                case FILESYSTEM -> {
                    FileAccessSigner signer = fileUrlSigner(config);
                    storage = new FileSystemFileStorage(config.dataDir().resolve("files"), publicBaseUrl, signer, CLOCK);
                    storedFiles = new StoredFileReader(storage, signer, CLOCK);
                    storageProbe = DependencyProbes.fileSystem(config.dataDir().resolve("files"));
                }
                case S3 -> {
                    storage = started(running, connectS3(config.s3().orElseThrow()));
                    // Objects are fetched from the bucket itself; nothing is served under /files.
                    storedFiles = query -> new ReadStoredFile.NotFound();
                    storageProbe = DependencyProbes.bucket(storage);
                }
                default -> throw new IllegalStateException("unknown storage provider " + config.storageProvider());
            }

            UnclaimedObjects unclaimed = database.unclaimedObjects();
            Topics topics = database.topics();
            CrashSafeStorage crashSafeStorage = new CrashSafeStorage(storage, unclaimed, transactions, CLOCK, config.sweeper().gracePeriod());

            Configuration.Tracking tracking = config.tracking();
            TrackingPolicy policy = new TrackingPolicy(tracking.mode(), tracking.firstCheck(), TrackingPolicy.DEFAULT.growth(),
                    tracking.maxInterval(), tracking.webhookOverdue(), TrackingPolicy.DEFAULT.notFoundGrace(), tracking.renderDeadline());
            WorkerLeases leases = database.leases(tracking.leaseLength());
            SubmissionQueue submissions = database.submissionQueue(leases);
            RenderChecks checks = database.renderChecks(leases);
            RenderEventInbox inbox = database.renderEventInbox();
            RendererCallCounts calls = database.rendererCallCounts();
            Optional<WebhookSecret> configuredSecret = tracking.webhookSecret().map(secret -> new WebhookSecret(secret.value()));
            Optional<RendererWebhookSetup> webhookSetup = config.webhookUrlFor(port).map(url ->
                    new RendererWebhookSetup(new HeyGenWebhooks(heygen), registrations, heygenKey, url, configuredSecret, CLOCK));
            RenderEventReceiver renderEvents = new RenderEventReceiver(inbox, registrations, heygenKey.fingerprint(),
                    configuredSecret.stream().toList(), CLOCK);

            CallbackSecrets callbackSecrets = database.callbackSecrets(sealing);
            Configuration.Notifications notifications = config.notifications();
            // Receivers are screened when saved and again at every connection, both with the same lookup and policy.
            DnsHostLookup dns = started(running, new DnsHostLookup(DnsHostLookup.DEFAULT_PATIENCE));
            ReceiverScreening screening = new ReceiverScreening(dns, notifications.receivers());
            // Made here, well before the first start writes its key file: the client's TLS set-up takes a moment.
            HttpNotificationSender sender = started(running, new HttpNotificationSender(notifications.webhookTimeout(), dns,
                    notifications.receivers()));
            NotificationEndpointRegistry endpoints = new NotificationEndpointRegistry(database.notificationEndpoints(sealing), screening, CLOCK);
            CallbackSecretService callbackSecretService = new CallbackSecretService(callbackSecrets);

            BackgroundWork background = started(running, new BackgroundWork(config.shutdownGrace()));
            // One LISTEN connection wakes both the live status streams and the outbox: every committed status change,
            // on any instance, may have queued deliveries, so they go out now rather than at the next poll.
            VideoEventNotifications eventNotifications = database.videoEventNotifications(Duration.ofMillis(200), Duration.ofSeconds(5));
            LiveVideoStatus live = started(running, new LiveVideoStatus(videos, database.videoEvents(), storage, WATCH_CAPACITY)
                    .listenTo(wakeUp -> eventNotifications.onNewEvents(() -> {
                        wakeUp.run();
                        background.wake(NOTIFY);
                    })));
            GenerateAvatarVideoService generate = new GenerateAvatarVideoService(videos, database.videoCallbacks(), callbackSecrets, transactions,
                    screening, rendererIds, CLOCK);
            AvatarVideoQueries queries = new AvatarVideoQueries(videos, storage);
            Configuration.TopicUploads uploads = config.topicUploads();
            TopicSaver topicSaver = new TopicSaver(topics, videos, storage, crashSafeStorage, CLOCK,
                    new TopicLimits(uploads.maxContents(), uploads.maxFileBytes()), rendererIds);
            TopicQueries topicQueries = new TopicQueries(topics, videos, storage);
            // A new request is submitted at once rather than at the submitter's next look.
            GenerateAvatarVideo generateAndWake = command -> {
                AvatarVideo video = generate.generate(command);
                background.wake(SUBMIT);
                return video;
            };
            SaveTopic saveAndWake = command -> {
                TopicView topic = topicSaver.save(command);
                background.wake(SUBMIT);
                return topic;
            };
            ReceiveRenderEvent receiveAndWake = command -> {
                ReceiveRenderEvent.Receipt receipt = renderEvents.receive(command);
                if (receipt == ReceiveRenderEvent.Receipt.ACCEPTED) {
                    background.wake(EVENTS);
                }
                return receipt;
            };
            ApiKeyService apiKeys = new ApiKeyService(database.apiKeys(), CLOCK);
            TenantService tenants = new TenantService(database.tenants(), apiKeys, transactions, CLOCK);
            VideoRetrier retrier = new VideoRetrier(videos, CLOCK);
            RetryAvatarVideo retryAndWake = (tenant, video) -> {
                Optional<AvatarVideo> retried = retrier.retry(tenant, video);
                retried.ifPresent(v -> background.wake(SUBMIT));
                return retried;
            };
            // Idempotency-Key: a claim lasts as long as a worker's, and like it is renewed while its request runs.
            RequestDeduplicator deduplicator = new RequestDeduplicator(database.idempotencyRecords(sealing), CLOCK, tracking.leaseLength(),
                    RequestDeduplicator.DEFAULT_RETENTION, RequestDeduplicator.DEFAULT_PATIENCE);
            JavalinServer web = new JavalinServer(new JavalinServer.UseCases(
                    generateAndWake, queries, queries,
                    new JavalinServer.VideoChanges(new VideoDeleter(videos, crashSafeStorage, transactions), retryAndWake), storedFiles,
                    new JavalinServer.TopicUseCases(saveAndWake, topicSaver, topicQueries, topicQueries,
                            new TopicDeleter(topics, crashSafeStorage, transactions)),
                    catalogQueries, catalogQueries,
                    new JavalinServer.TrackingUseCases(receiveAndWake, new ProcessingStatusQuery(policy, database.videoStatistics(), checks,
                            inbox, calls, webhookSetup, CLOCK)),
                    new JavalinServer.LiveStatus(live, notifications.sseKeepAlive()),
                    new JavalinServer.NotificationUseCases(endpoints, endpoints, endpoints, callbackSecretService, callbackSecretService),
                    new JavalinServer.TenantUseCases(apiKeys, apiKeys, apiKeys, apiKeys, tenants, tenants),
                    new JavalinServer.RendererKeyUseCases(accounts, accounts, accounts)),
                    config.adminApiKey().map(key -> new JavalinServer.AdminKey(key.value())),
                    new JavalinServer.Uploads(uploads.directory(), uploads.maxRequestBytes()),
                    new JavalinServer.Operations(readiness(database, storageProbe, heygen, heygenKey, metrics), metrics), Optional.of(deduplicator),
                    consoleOrigins(heygen, storage));
            metrics.watchVideos(database.videoStatistics(), VIDEO_COUNTS_FRESH_FOR);
            Optional<FirstTenant> firstTenant = createFirstTenant(tenants, config.defaultApiKeyFile());

            RenderSubmitter submitter = new RenderSubmitter(videos, submissions, checks, transactions, accounts, renderers, calls, CLOCK, policy,
                    new RenderSubmitter.Budget(tracking.rendersPerKey(), SUBMISSIONS_PER_ROUND));
            RenderTracker tracker = new RenderTracker(videos, checks, transactions, accounts, renderers, calls, CLOCK, policy, CHECKS_PER_ROUND);
            VideoIngester ingester = new VideoIngester(videos, database.ingestQueue(leases), accounts, renderers, calls, crashSafeStorage, CLOCK,
                    new FailsafeRetryBackoff(config.ingestRetry().firstDelay(), config.ingestRetry().maxDelay(), INGEST_RETRY_JITTER), 4);
            UnclaimedObjectSweeper sweeper = new UnclaimedObjectSweeper(unclaimed, storage, transactions, CLOCK, 100);
            background.everyUntilOthersStop(tracking.leaseLength().dividedBy(3), "leases", () -> {
                leases.renew(CLOCK.now());
                return 0;
            });
            background.everyUntilOthersStop(tracking.leaseLength().dividedBy(3), "idempotency-leases", () -> {
                deduplicator.renewLeases();
                return 0;
            });
            background.every(config.sweeper().interval(), "idempotency-sweep", deduplicator::forgetExpired);
            background.every(Duration.ofMillis(500), SUBMIT, submitter::submitQueued);
            background.every(trackerTick(policy), "track", tracker::trackOnce, INGEST);
            background.every(Duration.ofMillis(500), EVENTS, renderEvents::applyReceived, INGEST);
            background.every(Duration.ofMillis(500), INGEST, ingester::ingestPending);
            background.every(config.sweeper().interval(), "sweep", sweeper::sweepOnce);
            NotificationDeliverer deliverer = new NotificationDeliverer(database.outbox(sealing),
                    new MeteredNotificationSender(sender, metrics.registry()), storage,
                    new FailsafeRetryBackoff(notifications.webhookRetryFirstDelay(), notifications.webhookRetryMaxDelay(), WEBHOOK_RETRY_JITTER),
                    notifications.webhookGiveUpAfter(), deliveryLease(notifications.webhookTimeout()), CLOCK, WEBHOOK_BATCH);
            background.every(notifications.webhookPollInterval(), NOTIFY, deliverer::deliverDue);

            started(running, listen(web, config.bindAddress(), port));
            // HeyGen probes the address when it is registered, so this waits until the server answers.
            webhookSetup.ifPresent(setup -> {
                if (!setUpWebhook(setup).ready()) {
                    background.every(WEBHOOK_SETUP_RETRY, "webhook-setup", () -> {
                        if (!setup.lastSetup().ready()) {
                            setUpWebhook(setup);
                        }
                        return 0;
                    });
                }
            });
            accountWebhooks.ifPresent(setups -> {
                accounts.setUpWebhooks();
                background.every(WEBHOOK_SETUP_RETRY, "account-webhook-setup", setups::retryUnready);
            });
            return new AvatarVideoService(running, URI.create("http://localhost:" + web.port()), config, web, firstTenant);
        } catch (RuntimeException e) {
            closeAll(running);
            throw e;
        }
    }

    private static EmbeddedDatabase embeddedDatabase(Path dataDirectory, DataDirectoryLock dataDir, OnJvmExit onJvmExit) {
        EmbeddedDatabase.stopLeftOver(dataDirectory, dataDir);
        return EmbeddedDatabase.start(dataDirectory, onJvmExit == OnJvmExit.DATABASE_STOPS_ITSELF);
    }

    /** The port was free a moment ago; if another program took it since, that is said the same way. */
    private static JavalinServer listen(JavalinServer web, String bindAddress, int port) {
        try {
            return web.start(bindAddress, port);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.BindException bind) {
                    throw StartChecks.portInUse(bindAddress, port, bind);
                }
            }
            throw e;
        }
    }

    /**
     * The built-in HeyGen simulator, for a start without HEYGEN_API_KEY. It keeps what it accepted under
     * {@code DATA_DIR/heygen-simulator}, so a restart during a render changes nothing for the video; and it accepts
     * {@code http://} webhook URLs (HeyGen wants https), since a service on loopback registers one for itself.
     */
    private static HeyGenSimulator startSimulator(Configuration config) {
        Path state = config.dataDir().resolve(SIMULATOR_STATE);
        HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(config.simulatorRenderTime())
                .withStateDirectory(state).withHttpWebhookUrlsAllowed());
        LOG.info("HeyGen SIMULATOR in-process: state kept in {}; http:// webhook URLs allowed (a test setting: the real HeyGen"
                + " requires https)", state);
        return simulator;
    }

    /**
     * A first start (no tenant at all) creates the tenant {@code default} with a key and writes the key, readable by its
     * owner only, to {@code keyFile}, so the walk-through can begin at once. Written before anything else learns of it;
     * a later start finds a tenant and creates nothing.
     */
    private static Optional<FirstTenant> createFirstTenant(TenantService tenants, Path keyFile) {
        return tenants.createFirst(DEFAULT_TENANT, "created on first start").map(created -> {
            ApiKeyToken key = created.firstKey().token();
            SecretFiles.writeOwnerOnly(keyFile, key.value());
            LOG.info("first start: created tenant '{}' with API key {} (written to {})", DEFAULT_TENANT, key.id(), keyFile);
            return new FirstTenant(DEFAULT_TENANT, key, keyFile);
        });
    }

    /**
     * The database and the storage are required; HeyGen is not: without it videos still queue and everything stored can
     * be read, and taking every instance out of the load balancer at once would make an outage of HeyGen's one of ours.
     * Its probe asks without retries and with short timeouts, and at most every {@link #HEYGEN_PROBE_FRESH_FOR}.
     */
    /**
     * What the console's pages may load besides the service itself: avatar previews from HeyGen (or the simulator), and
     * stored videos from where the storage's addresses point. That origin is read from an address the storage issues,
     * for a key that need not exist (issuing one asks no one), so it is the same for every provider and setting.
     */
    private static JavalinServer.ConsoleOrigins consoleOrigins(HeyGenSettings heygen, FileStorage storage) {
        URI stored = storage.accessUrl(new StorageKey("console/" + "0".repeat(32)),
                new FileStorage.UrlOptions(Duration.ofMinutes(1), "probe.mp4", "video/mp4"));
        return new JavalinServer.ConsoleOrigins(nameable("avatar previews", heygen.previewImageSource()),
                nameable("stored videos", JavalinServer.ConsoleOrigins.originOf(stored)));
    }

    /**
     * A host a policy cannot name (an underscore in a container's name, say) costs the console its pictures or videos
     * from there, not the service its start.
     */
    private static List<String> nameable(String what, String origin) {
        if (JavalinServer.ConsoleOrigins.nameable(origin)) {
            return List.of(origin);
        }
        LOG.warn("the web console cannot show {} from {}: a content security policy cannot name that host", what, origin);
        return List.of();
    }

    private static ReadinessCheck readiness(PostgresDatabase database, DependencyProbe storage, HeyGenSettings heygen, RendererCredentials key,
                                            ServiceMetrics metrics) {
        HeyGenSettings quick = new HeyGenSettings(heygen.baseUrl(), heygen.apiKey(), PROBE_TIMEOUT, PROBE_TIMEOUT, heygen.downloadTimeout(),
                new HeyGenSettings.Retries(1, Duration.ofMillis(1), Duration.ofMillis(1), PROBE_TIMEOUT, Duration.ZERO));
        return new ReadinessCheck(List.of(
                new ReadinessCheck.Dependency(DependencyProbes.database(database), true, PROBE_TIMEOUT, PROBE_FRESH_FOR),
                new ReadinessCheck.Dependency(storage, true, PROBE_TIMEOUT, PROBE_FRESH_FOR),
                new ReadinessCheck.Dependency(DependencyProbes.heygen(new MeteredRendererKeyCheck(new HeyGenKeyCheck(quick), metrics.registry()), key),
                        false, PROBE_TIMEOUT.plusSeconds(1), HEYGEN_PROBE_FRESH_FOR)), CLOCK);
    }

    /** The tracker looks for due checks often (an indexed query); HeyGen is asked only when a check is due. */
    private static Duration trackerTick(TrackingPolicy policy) {
        Duration half = policy.firstCheck().dividedBy(2);
        return half.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : half.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : half;
    }

    /**
     * The master key that seals every secret in the database: MASTER_KEY, else a key file made once in DATA_DIR. Every
     * instance on one database needs the same one.
     */
    static AesGcmSealing sealing(Configuration config) {
        if (config.masterKey().isPresent()) {
            return AesGcmSealing.withBase64Key(config.masterKey().get().value());
        }
        try {
            return AesGcmSealing.withKey(SecretFiles.randomKey(config.masterKeyFile(), AesGcmSealing.KEY_BYTES, "master key file"));
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage() + ": restore it from a backup, or set MASTER_KEY to the key the other"
                    + " instances use (a new key cannot open the secrets already stored)");
        }
    }

    /**
     * What signs the filesystem provider's file addresses: FILE_URL_SIGNING_KEY, else a key file made once in DATA_DIR, so
     * addresses stay valid across restarts.
     */
    static FileAccessSigner fileUrlSigner(Configuration config) {
        if (config.fileUrlSigningKey().isPresent()) {
            return HmacFileAccessSigner.withSecret(config.fileUrlSigningKey().get().value());
        }
        try {
            return HmacFileAccessSigner.withKey(SecretFiles.randomKey(config.signingKeyFile(), HmacFileAccessSigner.MIN_SECRET_BYTES,
                    "URL signing key"));
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage() + "; delete it to make a new one (addresses issued so far stop working)");
        }
    }

    private static void requireSecretsSealedWith(PostgresDatabase database, AesGcmSealing sealing) {
        try {
            database.requireSecretsSealedWith(sealing);
        } catch (AesGcmSealing.SealedWithAnotherKeyException e) {
            throw anotherMasterKey(e);
        }
    }

    private static SetUpRendererWebhook.WebhookSetup setUpWebhook(RendererWebhookSetup setup) {
        try {
            return setup.setUp();
        } catch (AesGcmSealing.SealedWithAnotherKeyException e) {
            throw anotherMasterKey(e);
        }
    }

    private static ConfigurationException anotherMasterKey(AesGcmSealing.SealedWithAnotherKeyException e) {
        return new ConfigurationException(e.getMessage() + ". Every instance on one database needs the same MASTER_KEY: set MASTER_KEY"
                + " to the key the others use (without it, each keeps its own in DATA_DIR/master.key)");
    }

    /** Longer than any attempt can take, so no other instance claims a delivery while it is still being sent. */
    private static Duration deliveryLease(Duration webhookTimeout) {
        Duration lease = webhookTimeout.multipliedBy(6);
        return lease.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : lease;
    }

    private static S3FileStorage connectS3(Configuration.S3Bucket bucket) {
        S3Settings settings = new S3Settings(bucket.bucket(), bucket.region(), bucket.endpoint(), bucket.forcePathStyle(), bucket.publicUrlBase(),
                bucket.checksumsOnlyWhenRequired() ? S3Settings.Checksums.WHEN_REQUIRED : S3Settings.Checksums.WHEN_SUPPORTED,
                bucket.credentials().map(key -> new S3Settings.Credentials(key.id(), key.secret().value())), S3Settings.DEFAULT_PART_SIZE);
        try {
            return S3FileStorage.connect(settings, CLOCK);
        } catch (FileStorage.StorageFailureException e) {
            throw new ConfigurationException("STORAGE_PROVIDER=s3: " + e.getMessage()
                    + " (check S3_BUCKET, S3_REGION, S3_ENDPOINT and the AWS credentials)");
        }
    }

    /**
     * A key HeyGen refuses is a configuration mistake: stop at start, naming the variable, instead of failing every
     * video later. When HeyGen cannot be asked, start anyway; the renders will wait for it.
     */
    private static void checkHeyGenKey(RendererKeyCheck keyCheck, RendererCredentials key, HeyGenSettings heygen) {
        switch (keyCheck.check(key)) {
            case RendererKeyCheck.KeyCheck.Valid valid -> LOG.info("HeyGen at {} accepts the API key (account {})", heygen.baseUrl(), valid.accountName());
            case RendererKeyCheck.KeyCheck.Invalid invalid -> throw new ConfigurationException(
                    "HEYGEN_API_KEY is refused by HeyGen at " + heygen.baseUrl() + ": " + invalid.message());
            case RendererKeyCheck.KeyCheck.Unavailable unavailable -> LOG.warn(
                    "could not check the HeyGen API key at {} ({}); starting anyway", heygen.baseUrl(), unavailable.reason());
        }
    }

    /** Where this instance answers HTTP. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Every HTTP route the service answers. */
    public List<JavalinServer.Route> routes() {
        return web.routes();
    }

    /** The tenant this start created because there was none; empty on every later start. */
    public Optional<FirstTenant> firstTenant() {
        return firstTenant;
    }

    public Configuration configuration() {
        return configuration;
    }

    /** Stops everything in reverse order, DATA_DIR released last, and says so in a last line. */
    @Override
    public void close() {
        if (running.isEmpty()) {
            return;
        }
        closeAll(running);
        LOG.info("avatar-video-service stopped");
    }

    private static <T extends AutoCloseable> T started(Deque<AutoCloseable> running, T component) {
        running.push(component);
        return component;
    }

    private static void closeAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            AutoCloseable component = running.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
