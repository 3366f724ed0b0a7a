package dev.avatarvideo.bootstrap;

import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.application.service.ReceiverScreening;
import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.adapters.storage.FileSystemFileStorage;
import dev.avatarvideo.adapters.storage.HmacFileAccessSigner;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.application.contract.FileStorageContract;
import dev.avatarvideo.application.fakes.InMemoryRendererCatalog;
import dev.avatarvideo.application.fakes.InMemoryTopics;
import dev.avatarvideo.application.fakes.InMemoryUnclaimedObjects;
import dev.avatarvideo.application.fakes.InMemoryCallbackSecrets;
import dev.avatarvideo.application.fakes.InMemoryNotificationEndpoints;
import dev.avatarvideo.application.fakes.InMemoryRendererCallCounts;
import dev.avatarvideo.application.fakes.InMemoryVideoCallbacks;
import dev.avatarvideo.application.fakes.InMemoryVideoWork;
import dev.avatarvideo.application.fakes.InMemoryVideoWaits;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.RollbackTransactions;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.fakes.InMemoryApiKeys;
import dev.avatarvideo.application.fakes.InMemoryRendererKeys;
import dev.avatarvideo.application.fakes.InMemoryTenants;
import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.application.service.ApiKeyService;
import dev.avatarvideo.application.service.AvatarVideoQueries;
import dev.avatarvideo.application.service.RendererKeyRegistry;
import dev.avatarvideo.application.service.TenantService;
import dev.avatarvideo.application.service.VideoDeleter;
import dev.avatarvideo.application.service.WaitingReasons;
import dev.avatarvideo.application.service.VideoRetrier;
import dev.avatarvideo.application.service.CallbackSecretService;
import dev.avatarvideo.application.service.CrashSafeStorage;
import dev.avatarvideo.application.service.LiveVideoStatus;
import dev.avatarvideo.application.service.NotificationEndpointRegistry;
import dev.avatarvideo.application.service.GenerateAvatarVideoService;
import dev.avatarvideo.application.service.ProcessingStatusQuery;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.application.service.RendererCatalogQueries;
import dev.avatarvideo.application.service.RendererIdCheck;
import dev.avatarvideo.application.service.StoredFileReader;
import dev.avatarvideo.application.service.TopicDeleter;
import dev.avatarvideo.application.service.TopicLimits;
import dev.avatarvideo.application.service.TopicQueries;
import dev.avatarvideo.application.service.TopicSaver;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole storage contract on the filesystem provider as it runs in production: files on disk, addresses signed
 * with a key file, served by the web adapter's {@code /files} route over real HTTP on the real clock.
 */
class FileSystemStorageContractTest extends FileStorageContract {

    private static final Clock CLOCK = Instant::now;
    private static Path directory;
    private static FileSystemFileStorage storage;
    private static JavalinServer server;

    @BeforeAll
    static void startServing() throws IOException {
        directory = Files.createTempDirectory("filesystem-contract-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HmacFileAccessSigner signer = HmacFileAccessSigner.withKey(SecretFiles.randomKey(directory.resolve("file-url-signing.key"), 32, "URL signing key"));
        storage = new FileSystemFileStorage(directory.resolve("files"), URI.create("http://127.0.0.1:" + port), signer, CLOCK);
        InMemoryVideos videos = new InMemoryVideos();
        InMemoryTopics topics = new InMemoryTopics();
        InMemoryUnclaimedObjects unclaimed = new InMemoryUnclaimedObjects();
        RollbackTransactions transactions = new RollbackTransactions(videos, topics, unclaimed);
        CrashSafeStorage crashSafe = new CrashSafeStorage(storage, unclaimed, transactions, CLOCK, Duration.ofMinutes(10));
        AvatarVideoQueries queries = new AvatarVideoQueries(videos, storage);
        // A catalog that does not know the key: the id check lets every id through, as when HeyGen cannot be asked.
        RendererIdCheck rendererIds = new RendererIdCheck(new InMemoryRendererCatalog(), tenant -> new RendererCredentials("unused"),
                Duration.ofSeconds(1));
        TopicSaver saver = new TopicSaver(topics, videos, storage, crashSafe, CLOCK, new TopicLimits(10, 1_000_000), rendererIds);
        TopicQueries topicQueries = new TopicQueries(topics, videos, storage);
        RendererCatalogQueries catalog = new RendererCatalogQueries(new InMemoryRendererCatalog(), tenant -> new RendererCredentials("unused"));
        InMemoryCallbackSecrets callbackSecrets = new InMemoryCallbackSecrets();
        ReceiverScreening screening = new ReceiverScreening(new ScriptedHostLookup(), ReceiverAddressPolicy.publicOnly());
        NotificationEndpointRegistry endpoints = new NotificationEndpointRegistry(new InMemoryNotificationEndpoints(), screening, CLOCK);
        CallbackSecretService callbackSecretService = new CallbackSecretService(callbackSecrets);
        ApiKeyService keys = new ApiKeyService(new InMemoryApiKeys(), CLOCK);
        TenantService tenants = new TenantService(new InMemoryTenants(), keys, transactions, CLOCK);
        RendererKeyRegistry rendererKeys = new RendererKeyRegistry(new InMemoryRendererKeys(), credentials -> new RendererKeyCheck.KeyCheck.Valid("a"),
                new RendererCredentials("unused"), Optional.empty(), CLOCK);
        server = new JavalinServer(new JavalinServer.UseCases(
                new GenerateAvatarVideoService(videos, new InMemoryVideoCallbacks(), callbackSecrets, transactions, screening, rendererIds, CLOCK), queries, queries,
                new WaitingReasons(new InMemoryVideoWaits(videos), CLOCK),
                new JavalinServer.VideoChanges(new VideoDeleter(videos, crashSafe, transactions), new VideoRetrier(videos, CLOCK)),
                new StoredFileReader(storage, signer, CLOCK), new JavalinServer.TopicUseCases(saver, saver, topicQueries, topicQueries,
                new TopicDeleter(topics, crashSafe, transactions)), catalog, catalog, tracking(videos),
                new JavalinServer.LiveStatus(new LiveVideoStatus(videos, videos.events(), storage, 16), JavalinServer.LiveStatus.DEFAULT_KEEP_ALIVE),
                new JavalinServer.NotificationUseCases(endpoints, endpoints, endpoints, callbackSecretService, callbackSecretService),
                new JavalinServer.TenantUseCases(keys, keys, keys, keys, tenants, tenants),
                new JavalinServer.RendererKeyUseCases(rendererKeys, rendererKeys, rendererKeys)),
                Optional.empty(), new JavalinServer.Uploads(directory.resolve("uploads"), 10_000_000))
                .start("127.0.0.1", port);
    }

    /** Only the file routes are under test; the tracking routes get services on fakes, and no webhook is hosted. */
    private static JavalinServer.TrackingUseCases tracking(InMemoryVideos videos) {
        InMemoryVideoWork work = new InMemoryVideoWork(videos);
        return new JavalinServer.TrackingUseCases(List.of(),
                new ProcessingStatusQuery(TrackingPolicy.DEFAULT, work, work, work, new InMemoryRendererCallCounts(CLOCK.now()), Optional.empty(), CLOCK));
    }

    @AfterAll
    static void stopServing() throws IOException {
        server.close();
        try (var tree = Files.walk(directory)) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Override
    protected FileStorage newStorage() {
        return storage;
    }

    @Override
    protected String expectedProvider() {
        return "filesystem";
    }
}
