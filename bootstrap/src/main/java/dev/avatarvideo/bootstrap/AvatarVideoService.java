package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.runtime.BackgroundWork;
import dev.avatarvideo.adapters.runtime.LoopSignals;
import dev.avatarvideo.adapters.runtime.ServiceMetrics;
import dev.avatarvideo.adapters.runtime.SystemClock;
import dev.avatarvideo.adapters.web.JavalinServer;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.domain.ApiKeyToken;
import dev.avatarvideo.domain.TenantId;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service, wired by hand: every adapter built from the configuration, every use case given its ports,
 * the HTTP API started and the background loops running. Closing it stops everything in reverse order.
 *
 * <p>{@link #start} is the table of contents; each area is wired in a small class of its own: {@link Persistence},
 * {@link HeyGen}, {@link Storage}, {@link PlatformNotifications}, {@link UseCases}, {@link Operations}, {@link Web} and
 * {@link BackgroundLoops}.
 */
public final class AvatarVideoService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AvatarVideoService.class);
    /** Every part of the service reads the same clock. */
    static final Clock CLOCK = new SystemClock();

    private final Running running;
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

    private AvatarVideoService(Running running, Configuration configuration, JavalinServer web, Optional<FirstTenant> firstTenant) {
        this.running = running;
        this.baseUrl = URI.create("http://localhost:" + web.port());
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
        Running running = new Running();
        try {
            // Before anything is set up (a key file, a tenant, a schema): a start that cannot succeed changes nothing.
            Optional<DataDirectoryLock> dataDir = StartChecks.lockDataDirectory(config, running);
            int port = StartChecks.freePort(config);
            config.database().ifPresent(StartChecks::requireDatabaseAnswers);
            ServiceMetrics metrics = running.started(new ServiceMetrics());
            Persistence persistence = Persistence.connect(config, dataDir, onJvmExit, running);
            HeyGen heygen = HeyGen.connect(config, metrics.registry(), running);
            Storage storage = Storage.connect(config, config.publicBaseUrlFor(port), running);
            PlatformNotifications notifications = PlatformNotifications.wire(config.notifications(), persistence, metrics.registry(), running);
            BackgroundWork background = running.started(new BackgroundWork(config.shutdownGrace()));
            UseCases useCases = UseCases.wire(config, port, persistence, heygen, storage, notifications, background, running);
            JavalinServer web = Web.server(config, useCases, storage, heygen, new LoopSignals(background),
                    Operations.wire(metrics, persistence, storage, heygen));
            Optional<FirstTenant> firstTenant = useCases.access().createFirstTenant(config.defaultApiKeyFile());
            BackgroundLoops.start(background, config, persistence, heygen, storage, useCases);
            running.started(Web.listen(web, config.bindAddress(), port));
            BackgroundLoops.setUpWebhooks(background, useCases);
            return new AvatarVideoService(running, config, web, firstTenant);
        } catch (RuntimeException e) {
            running.close();
            throw e;
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
        running.close();
        LOG.info("avatar-video-service stopped");
    }
}
