package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.heygen.CachingRendererCatalog;
import dev.avatarvideo.adapters.heygen.HeyGenKeyCheck;
import dev.avatarvideo.adapters.heygen.HeyGenRendererCatalog;
import dev.avatarvideo.adapters.heygen.HeyGenSettings;
import dev.avatarvideo.adapters.heygen.HeyGenVideoRenderer;
import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.adapters.storage.FileSystemFileStorage;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.adapters.web.RequestTenant;
import dev.avatarvideo.application.port.out.Clock;
import dev.avatarvideo.application.port.out.FileStorage;
import dev.avatarvideo.application.port.out.RendererCatalog;
import dev.avatarvideo.application.port.out.RendererKeyCheck;
import dev.avatarvideo.application.port.out.Transactions;
import dev.avatarvideo.application.port.out.VideoRenderer;
import dev.avatarvideo.application.port.out.Videos;
import dev.avatarvideo.application.service.AvatarVideoQueries;
import dev.avatarvideo.application.service.GenerateAvatarVideoService;
import dev.avatarvideo.application.service.RendererCatalogQueries;
import dev.avatarvideo.application.service.RenderSubmitter;
import dev.avatarvideo.application.service.RenderTracker;
import dev.avatarvideo.application.service.StoredFileReader;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.application.service.VideoIngester;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
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
    /** Until service API keys exist, every request acts for this tenant. */
    static final TenantId DEFAULT_TENANT = TenantId.of("default");
    private static final Clock CLOCK = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);

    private final Deque<AutoCloseable> running;
    private final URI baseUrl;
    private final Configuration configuration;

    private AvatarVideoService(Deque<AutoCloseable> running, URI baseUrl, Configuration configuration) {
        this.running = running;
        this.baseUrl = baseUrl;
        this.configuration = configuration;
    }

    public static AvatarVideoService start(Configuration config) {
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            int port = config.port() == 0 ? freePort() : config.port();
            URI publicBaseUrl = config.publicBaseUrlFor(port);

            DatabaseSettings databaseSettings = config.database()
                    .map(d -> new DatabaseSettings(d.jdbcUrl(), d.user(), d.password(), 10))
                    .orElseGet(() -> started(running, EmbeddedDatabase.start(config.dataDir().resolve("postgres"))).settings(10));
            PostgresDatabase database = started(running, PostgresDatabase.connect(databaseSettings));
            Videos videos = database.videos();
            Transactions transactions = database.transactions();

            HeyGenSettings heygen = config.heygen()
                    .map(account -> HeyGenSettings.of(account.baseUrl(), account.apiKey()))
                    .orElseGet(() -> {
                        HeyGenSimulator simulator = started(running, HeyGenSimulator.start(
                                SimulatorSettings.defaults().withRenderTime(config.simulatorRenderTime())));
                        return HeyGenSettings.of(simulator.baseUrl(), simulator.apiKey());
                    });
            RendererCredentials heygenKey = new RendererCredentials(heygen.apiKey());
            checkHeyGenKey(new HeyGenKeyCheck(heygen), heygenKey, heygen);
            VideoRenderer renderer = new HeyGenVideoRenderer(heygen);
            ExecutorService listingRefreshes = started(running, Executors.newVirtualThreadPerTaskExecutor());
            RendererCatalog catalog = new CachingRendererCatalog(new HeyGenRendererCatalog(heygen),
                    CachingRendererCatalog.DEFAULT_REFRESH_AFTER, CachingRendererCatalog.DEFAULT_EXPIRE_AFTER, listingRefreshes);
            // Until tenants bring their own HeyGen keys, every tenant renders with the configured one.
            RendererCatalogQueries catalogQueries = new RendererCatalogQueries(catalog, tenant -> heygenKey);

            FileStorage storage = switch (config.storageProvider()) {
                case FILESYSTEM -> new FileSystemFileStorage(config.dataDir().resolve("files"), publicBaseUrl, CLOCK);
                case S3 -> throw new ConfigurationException("STORAGE_PROVIDER=s3 is not available in this version; use filesystem");
            };

            AvatarVideoQueries queries = new AvatarVideoQueries(videos, storage);
            JavalinServer web = new JavalinServer(new JavalinServer.UseCases(
                    new GenerateAvatarVideoService(videos, CLOCK), queries, queries, new StoredFileReader(storage),
                    catalogQueries, catalogQueries),
                    RequestTenant.fixed(DEFAULT_TENANT));

            BackgroundWork background = started(running, new BackgroundWork());
            RenderSubmitter submitter = new RenderSubmitter(videos, renderer, CLOCK, 50);
            RenderTracker tracker = new RenderTracker(videos, renderer, CLOCK, TrackingPolicy.DEFAULT, 1_000);
            VideoIngester ingester = new VideoIngester(videos, renderer, storage, transactions, CLOCK, 5, 4);
            background.every(Duration.ofMillis(500), "submit", submitter::submitQueued);
            background.every(config.pollInterval(), "track", tracker::trackOnce);
            background.every(Duration.ofMillis(500), "ingest", ingester::ingestPending);

            started(running, web.start("0.0.0.0", port));
            return new AvatarVideoService(running, URI.create("http://localhost:" + web.port()), config);
        } catch (RuntimeException e) {
            closeAll(running);
            throw e;
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

    public Configuration configuration() {
        return configuration;
    }

    @Override
    public void close() {
        closeAll(running);
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
