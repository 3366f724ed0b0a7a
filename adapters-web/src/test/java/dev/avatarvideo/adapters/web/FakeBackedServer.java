package dev.avatarvideo.adapters.web;

import dev.avatarvideo.application.fakes.FakeFileAccessSigner;
import dev.avatarvideo.application.fakes.InMemoryCallbackSecrets;
import dev.avatarvideo.application.fakes.InMemoryIdempotencyRecords;
import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.InMemoryNotificationEndpoints;
import dev.avatarvideo.application.fakes.InMemoryRendererCallCounts;
import dev.avatarvideo.application.fakes.InMemoryVideoCallbacks;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.fakes.InMemoryVideoWork;
import dev.avatarvideo.application.fakes.InMemoryWebhookRegistrations;
import dev.avatarvideo.application.fakes.InMemoryTopics;
import dev.avatarvideo.application.fakes.InMemoryUnclaimedObjects;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.RollbackTransactions;
import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.fakes.InMemoryApiKeys;
import dev.avatarvideo.application.fakes.InMemoryRendererKeys;
import dev.avatarvideo.application.fakes.InMemoryTenants;
import dev.avatarvideo.application.port.in.tenant.CreateTenantCommand;
import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.application.service.ApiKeyService;
import dev.avatarvideo.application.service.AvatarVideoQueries;
import dev.avatarvideo.application.service.RendererKeyRegistry;
import dev.avatarvideo.application.service.TenantService;
import dev.avatarvideo.application.service.VideoDeleter;
import dev.avatarvideo.application.service.VideoRetrier;
import java.net.http.HttpRequest;
import java.util.Map;
import dev.avatarvideo.application.service.CallbackSecretService;
import dev.avatarvideo.application.service.CrashSafeStorage;
import dev.avatarvideo.application.service.GenerateAvatarVideoService;
import dev.avatarvideo.application.service.LiveVideoStatus;
import dev.avatarvideo.application.service.NotificationEndpointRegistry;
import dev.avatarvideo.application.service.ProcessingStatusQuery;
import dev.avatarvideo.application.service.ReceiverScreening;
import dev.avatarvideo.application.service.RequestDeduplicator;
import dev.avatarvideo.application.service.RenderEventReceiver;
import dev.avatarvideo.application.service.RendererCatalogQueries;
import dev.avatarvideo.application.service.RendererIdCheck;
import dev.avatarvideo.application.service.StoredFileReader;
import dev.avatarvideo.application.service.TopicDeleter;
import dev.avatarvideo.application.service.TopicLimits;
import dev.avatarvideo.application.service.TopicQueries;
import dev.avatarvideo.application.service.TopicSaver;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.domain.ProcessingMode;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The HTTP API on the real services with in-memory out-ports, listening on a free port. */
final class FakeBackedServer implements AutoCloseable {

    static final TopicLimits LIMITS = new TopicLimits(200, 300_000);
    /** The service-wide renderer account's fingerprint, whose webhooks come to the plain address. */
    static final String SERVICE_ACCOUNT = "0123456789ab";
    static final String ADMIN_KEY = "admin-key-for-tests-0123456789abcdef";

    final TestClock clock = new TestClock();
    final InMemoryVideos videos = new InMemoryVideos();
    final InMemoryFileStorage storage = new InMemoryFileStorage(clock);
    final InMemoryTopics topics = new InMemoryTopics();
    final InMemoryUnclaimedObjects unclaimed = new InMemoryUnclaimedObjects();
    final FakeFileAccessSigner signer = new FakeFileAccessSigner();
    final InMemoryVideoWork work = new InMemoryVideoWork(videos);
    final InMemoryWebhookRegistrations webhookRegistrations = new InMemoryWebhookRegistrations();
    final InMemoryRendererCallCounts calls = new InMemoryRendererCallCounts(clock.now());
    final RenderEventReceiver renderEvents = new RenderEventReceiver(work, webhookRegistrations, SERVICE_ACCOUNT, List.of(), clock);
    final InMemoryTenants tenants = new InMemoryTenants();
    final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
    final InMemoryRendererKeys rendererKeys = new InMemoryRendererKeys();
    final ApiKeyService keys = new ApiKeyService(apiKeys, clock);
    /** A key of the tenant the server was made for, which every request of a test sends unless it is about keys. */
    final String apiKey;
    final InMemoryVideoCallbacks callbacks = new InMemoryVideoCallbacks();
    final InMemoryCallbackSecrets callbackSecrets = new InMemoryCallbackSecrets();
    final InMemoryNotificationEndpoints endpoints = new InMemoryNotificationEndpoints();
    final LiveVideoStatus live = new LiveVideoStatus(videos, videos.events(), storage, 256).listenTo(videos.events());
    final InMemoryIdempotencyRecords idempotency = new InMemoryIdempotencyRecords();
    /** A repeat waits this long for the first request with its key: short, so tests of the wait are quick. */
    static final Duration IDEMPOTENCY_PATIENCE = Duration.ofMillis(500);
    final Path uploadDirectory;
    final JavalinServer server;

    FakeBackedServer(TenantId tenant, Path uploadDirectory, long maxRequestBytes) {
        this(tenant, uploadDirectory, maxRequestBytes,
                new RendererCatalogQueries(new InMemoryRendererCatalog(), anyTenant -> new RendererCredentials("unused")));
    }

    FakeBackedServer(TenantId tenant, Path uploadDirectory, long maxRequestBytes, RendererCatalogQueries catalog) {
        this(tenant, uploadDirectory, maxRequestBytes, catalog, JavalinServer.LiveStatus.DEFAULT_KEEP_ALIVE);
    }

    FakeBackedServer(TenantId tenant, Path uploadDirectory, long maxRequestBytes, RendererCatalogQueries catalog, Duration keepAlive) {
        this(tenant, uploadDirectory, maxRequestBytes, catalog, keepAlive, JavalinServer.Operations.none());
    }

    FakeBackedServer(TenantId tenant, Path uploadDirectory, JavalinServer.Operations operations) {
        this(tenant, uploadDirectory, 1_000_000, new RendererCatalogQueries(new InMemoryRendererCatalog(), anyTenant -> new RendererCredentials("unused")),
                JavalinServer.LiveStatus.DEFAULT_KEEP_ALIVE, operations);
    }

    FakeBackedServer(TenantId tenant, Path uploadDirectory, long maxRequestBytes, RendererCatalogQueries catalog, Duration keepAlive,
                     JavalinServer.Operations operations) {
        this.uploadDirectory = uploadDirectory;
        RollbackTransactions transactions = new RollbackTransactions(videos, topics, unclaimed, work, callbacks, callbackSecrets, tenants, apiKeys);
        TenantService tenantService = new TenantService(tenants, keys, transactions, clock);
        this.apiKey = tenantService.create(new CreateTenantCommand(tenant, null, "tests")).firstKey().token().value();
        RendererKeyRegistry registry = new RendererKeyRegistry(rendererKeys, credentials -> new RendererKeyCheck.KeyCheck.Valid("account"),
                new RendererCredentials("service-key"), Optional.empty(), clock);
        CrashSafeStorage files = new CrashSafeStorage(storage, unclaimed, transactions, clock, Duration.ofMinutes(10));
        AvatarVideoQueries queries = new AvatarVideoQueries(videos, storage);
        // A catalog that does not know the key: the id check lets every id through, as when HeyGen cannot be asked.
        RendererIdCheck rendererIds = new RendererIdCheck(new InMemoryRendererCatalog(), anyTenant -> new RendererCredentials("unused"),
                Duration.ofSeconds(1));
        TopicSaver saver = new TopicSaver(topics, videos, storage, files, clock, LIMITS, rendererIds);
        TopicQueries topicQueries = new TopicQueries(topics, videos, storage);
        ReceiverScreening screening = new ReceiverScreening(new ScriptedHostLookup(), ReceiverAddressPolicy.publicOnly());
        NotificationEndpointRegistry endpointRegistry = new NotificationEndpointRegistry(endpoints, screening, clock);
        CallbackSecretService callbackSecretService = new CallbackSecretService(callbackSecrets);
        server = new JavalinServer(new JavalinServer.UseCases(
                new GenerateAvatarVideoService(videos, callbacks, callbackSecrets, transactions, screening, rendererIds, clock), queries, queries,
                new JavalinServer.VideoChanges(new VideoDeleter(videos, files, transactions), new VideoRetrier(videos, clock)),
                new StoredFileReader(storage, signer, clock), new JavalinServer.TopicUseCases(saver, saver, topicQueries, topicQueries,
                new TopicDeleter(topics, files, transactions)), catalog, catalog,
                new JavalinServer.TrackingUseCases(renderEvents, new ProcessingStatusQuery(TrackingPolicy.DEFAULT.withMode(ProcessingMode.HYBRID),
                        work, work, work, calls, Optional.empty(), clock)),
                new JavalinServer.LiveStatus(live, keepAlive),
                new JavalinServer.NotificationUseCases(endpointRegistry, endpointRegistry, endpointRegistry, callbackSecretService,
                        callbackSecretService),
                new JavalinServer.TenantUseCases(keys, keys, keys, keys, tenantService, tenantService),
                new JavalinServer.RendererKeyUseCases(registry, registry, registry)),
                Optional.of(new JavalinServer.AdminKey(ADMIN_KEY)), new JavalinServer.Uploads(uploadDirectory, maxRequestBytes), operations,
                Optional.of(new RequestDeduplicator(idempotency, clock, Duration.ofMinutes(1), RequestDeduplicator.DEFAULT_RETENTION,
                        IDEMPOTENCY_PATIENCE)), JavalinServer.ConsoleOrigins.none())
                .start("127.0.0.1", 0);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A request to {@code path} that carries the tenant's key. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + apiKey);
    }

    /** The headers that authenticate a request as the tenant, with {@code more} on top. */
    Map<String, String> authenticated(Map<String, String> more) {
        Map<String, String> headers = new java.util.HashMap<>(more);
        headers.put("Authorization", "Bearer " + apiKey);
        return headers;
    }

    @Override
    public void close() {
        server.close();
        try {
            live.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
