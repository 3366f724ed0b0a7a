package dev.avatarvideo.adapters.web;

import dev.avatarvideo.application.port.in.notification.AddNotificationEndpoint;
import dev.avatarvideo.application.port.in.tenant.AuthenticateApiKey;
import dev.avatarvideo.application.port.in.operations.CheckReadiness;
import dev.avatarvideo.application.port.in.tenant.CreateTenant;
import dev.avatarvideo.application.port.in.idempotency.DeduplicateRequests;
import dev.avatarvideo.application.port.in.video.DeleteAvatarVideo;
import dev.avatarvideo.application.port.in.tenant.IssueApiKey;
import dev.avatarvideo.application.port.in.tenant.ListApiKeys;
import dev.avatarvideo.application.port.in.tenant.ListTenants;
import dev.avatarvideo.application.port.in.rendererkey.RegisterRendererKey;
import dev.avatarvideo.application.port.in.rendererkey.RemoveRendererKey;
import dev.avatarvideo.application.port.in.video.RetryAvatarVideo;
import dev.avatarvideo.application.port.in.tenant.RevokeApiKey;
import dev.avatarvideo.application.port.in.rendererkey.ShowRendererKey;
import dev.avatarvideo.application.port.in.topic.DeleteTopic;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideo;
import dev.avatarvideo.application.port.in.video.GetAvatarVideo;
import dev.avatarvideo.application.port.in.rendering.GetProcessingStatus;
import dev.avatarvideo.application.port.in.topic.GetTopic;
import dev.avatarvideo.application.port.in.catalog.ListAvatarLooks;
import dev.avatarvideo.application.port.in.video.ListAvatarVideos;
import dev.avatarvideo.application.port.in.notification.ListNotificationEndpoints;
import dev.avatarvideo.application.port.in.topic.ListTopics;
import dev.avatarvideo.application.port.in.catalog.ListVoices;
import dev.avatarvideo.application.port.in.video.ReadStoredFile;
import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.notification.RemoveNotificationEndpoint;
import dev.avatarvideo.application.port.in.notification.RotateCallbackSecret;
import dev.avatarvideo.application.port.in.topic.SaveTopic;
import dev.avatarvideo.application.port.in.notification.ShowCallbackSecret;
import dev.avatarvideo.application.port.in.topic.UpdateTopic;
import dev.avatarvideo.application.port.in.video.WatchVideoStatus;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.util.MethodNotAllowedUtil;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.handler.GracefulHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Javalin 7 with virtual threads. Every error leaves as RFC 9457 problem+json: validation problems
 * name the field, unexpected ones carry only a reference to the log line, never a stack trace.
 */
public final class JavalinServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JavalinServer.class);
    /** JSON requests are small; anything bigger is a mistake or an attack. */
    static final long MAX_JSON_BODY_BYTES = 1024 * 1024;
    /** The request line and all headers together; Jetty answers 431 (or 414 for a long address) beyond. */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** The use cases the API exposes. */
    public record UseCases(GenerateAvatarVideo generate, GetAvatarVideo get, ListAvatarVideos list, VideoChanges videoChanges,
                           ReadStoredFile files, TopicUseCases topics, ListAvatarLooks avatars, ListVoices voices, TrackingUseCases tracking,
                           LiveStatus live, NotificationUseCases notifications, TenantUseCases tenants, RendererKeyUseCases rendererKeys) {
    }

    /** Deleting a video, and trying a failed one again. */
    public record VideoChanges(DeleteAvatarVideo delete, RetryAvatarVideo retry) {
    }

    /** Tenants and their service API keys: who may call the API, and as whom. */
    public record TenantUseCases(AuthenticateApiKey authenticate, IssueApiKey issueKey, ListApiKeys listKeys, RevokeApiKey revokeKey,
                                 CreateTenant createTenant, ListTenants listTenants) {
    }

    /** Tenants' own HeyGen keys. */
    public record RendererKeyUseCases(RegisterRendererKey register, ShowRendererKey show, RemoveRendererKey remove) {
    }

    /** The operator's key to {@code /admin}. Never printed: {@link #toString()} masks it. */
    public record AdminKey(String value) {

        public AdminKey {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "AdminKey[****]";
        }
    }

    /** An HTTP route as registered: its method and path pattern ({@code /api/videos/{id}}). */
    public record Route(String method, String path) {
    }

    /** Render tracking: HeyGen's webhooks in, the operators' status out. */
    public record TrackingUseCases(ReceiveRenderEvent renderEvents, GetProcessingStatus status) {
    }

    /**
     * Live status over server-sent events.
     *
     * @param keepAlive how long a stream may stay silent before a comment is sent, so proxies keep it open
     */
    public record LiveStatus(WatchVideoStatus watch, Duration keepAlive) {

        public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

        public LiveStatus {
            Objects.requireNonNull(watch, "watch");
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keepAlive must be positive");
            }
        }
    }

    /** The platform's webhook endpoints and the secret of its per-request callbacks. */
    public record NotificationUseCases(AddNotificationEndpoint add, ListNotificationEndpoints list, RemoveNotificationEndpoint remove,
                                       ShowCallbackSecret showCallbackSecret, RotateCallbackSecret rotateCallbackSecret) {
    }

    /** The topic use cases. */
    public record TopicUseCases(SaveTopic save, UpdateTopic update, GetTopic get, ListTopics list, DeleteTopic delete) {
    }

    /**
     * How multipart uploads are received.
     *
     * @param directory where Jetty writes file parts as they arrive, so no file is ever held in memory whole
     * @param maxRequestBytes the most one multipart request may carry in all; Jetty stops reading beyond it. The
     *                        per-file limit is the service's, so its refusal can name the part
     */
    public record Uploads(Path directory, long maxRequestBytes) {

        public Uploads {
            Objects.requireNonNull(directory, "directory");
            if (maxRequestBytes < 1) {
                throw new IllegalArgumentException("maxRequestBytes must be positive");
            }
        }
    }

    /**
     * What operators and probes need: readiness of the dependencies, and the metrics the requests are counted into.
     */
    public record Operations(CheckReadiness readiness, HttpMetrics metrics) {

        public Operations {
            Objects.requireNonNull(readiness, "readiness");
            Objects.requireNonNull(metrics, "metrics");
        }

        /** Ready without asking anything, and no metrics: for tests of the API alone. */
        public static Operations none() {
            return new Operations(() -> new CheckReadiness.Readiness(List.of()), HttpMetrics.none());
        }
    }

    /**
     * Where the console may load pictures and videos from besides this service, as content security policy sources
     * ({@code https://host[:port]}, the host optionally {@code *.}-prefixed): the avatar previews' origin, and the
     * origin stored files are played from.
     */
    public record ConsoleOrigins(List<String> images, List<String> media) {

        private static final Pattern SOURCE = Pattern.compile(
                "https?://((\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*|\\[[0-9a-f:.]+])(:[0-9]{1,5})?");

        public ConsoleOrigins {
            images = List.copyOf(images);
            media = List.copyOf(media);
            Stream.concat(images.stream(), media.stream()).forEach(source -> {
                if (!nameable(source)) {
                    throw new IllegalArgumentException("not an origin the console's content security policy can name: '" + source + "'");
                }
            });
        }

        /** Whether a policy can name this origin: a scheme, a host of letters, digits, dots and dashes, a port. */
        public static boolean nameable(String source) {
            return SOURCE.matcher(source).matches();
        }

        /** This service's own origin only. */
        public static ConsoleOrigins none() {
            return new ConsoleOrigins(List.of(), List.of());
        }

        /** The origin of an address: scheme, host and any port, as a policy source names it. */
        public static String originOf(URI address) {
            // The authority, not getHost(): Java's URI has no host for a name with an underscore, which is not ours to refuse here.
            String authority = String.valueOf(address.getRawAuthority());
            return address.getScheme().toLowerCase(Locale.ROOT) + "://" + authority.substring(authority.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        }
    }

    /** How long stopping waits for requests being answered; live status streams are ended first, so none holds it up. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** The route a request matched, for metrics; a path no route serves is one series, however many such paths come. */
    private static final String UNMATCHED_ROUTE = "unmatched";
    private static final Duration STALE_UPLOAD_AGE = Duration.ofDays(1);
    /** Parts up to this size stay in memory; larger ones go to the upload directory. Small enough for many at once. */
    private static final int IN_MEMORY_PART_BYTES = 64 * 1024;

    private final Javalin app;
    private final StatusStreamRoutes statusStreams;

    /**
     * @param adminKey the operator's key to {@code /admin}; without one the admin routes open for nobody
     */
    public JavalinServer(UseCases useCases, Optional<AdminKey> adminKey, Uploads uploads) {
        this(useCases, adminKey, uploads, Operations.none());
    }

    public JavalinServer(UseCases useCases, Optional<AdminKey> adminKey, Uploads uploads, Operations operations) {
        this(useCases, adminKey, uploads, operations, Optional.empty(), ConsoleOrigins.none());
    }

    /**
     * @param deduplicate honours {@code Idempotency-Key} on the POSTs that create something; without it the header is
     *                    ignored (for tests of other parts of the API alone)
     * @param consoleOrigins where the console may load pictures and videos from besides this service
     */
    public JavalinServer(UseCases useCases, Optional<AdminKey> adminKey, Uploads uploads, Operations operations,
                         Optional<DeduplicateRequests> deduplicate, ConsoleOrigins consoleOrigins) {
        JsonBodies bodies = new JsonBodies();
        RequestTenant tenant = new RequestTenant(useCases.tenants().authenticate());
        this.statusStreams = new StatusStreamRoutes(useCases.live().watch(), tenant, useCases.live().keepAlive(), bodies.mapper());
        List<Consumer<RoutesConfig>> routes = routes(useCases, tenant, bodies, operations, consoleOrigins);
        prepare(uploads.directory());
        this.app = Javalin.create(config -> {
            configureServer(config, uploads, bodies);
            config.requestLogger.http((ctx, millis) -> served(ctx, millis, operations.metrics()));
            config.routes.before(RequestIds::assign);
            // Every /api and /admin request proves who it is before anything else is looked at, unknown routes included
            // (so a caller without a key learns nothing about which exist).
            config.routes.before("/api/*", tenant::authenticate);
            config.routes.before("/admin/*", new AdminAccess(adminKey)::authenticate);
            deduplicate.ifPresent(requests -> new IdempotentPosts(requests, tenant, bodies).register(config.routes));
            routes.forEach(group -> group.accept(config.routes));
            new ExceptionProblems(this::allowedMethods).register(config.routes);
        });
    }

    /** Every route group, each given only the use cases it calls. */
    private List<Consumer<RoutesConfig>> routes(UseCases useCases, RequestTenant tenant, JsonBodies bodies, Operations operations,
                                                 ConsoleOrigins consoleOrigins) {
        TenantUseCases tenants = useCases.tenants();
        NotificationUseCases notify = useCases.notifications();
        return List.of(
                new OperationsRoutes(operations.readiness(), operations.metrics())::register,
                new ConsoleRoutes(consoleOrigins)::register,
                new VideoRoutes(useCases.generate(), useCases.get(), useCases.list(), useCases.videoChanges(), tenant, bodies)::register,
                new ApiKeyRoutes(tenants.issueKey(), tenants.listKeys(), tenants.revokeKey(), tenant, bodies)::register,
                new RendererKeyRoutes(useCases.rendererKeys(), tenant, bodies)::register,
                new AdminRoutes(tenants.createTenant(), tenants.listTenants(), tenants.issueKey(), tenants.listKeys(), tenants.revokeKey(),
                        bodies)::register,
                new ApiDocsRoutes(bodies.mapper())::register,
                statusStreams::register,
                new NotificationRoutes(new NotificationRoutes.UseCases(notify.add(), notify.list(), notify.remove(),
                        notify.showCallbackSecret(), notify.rotateCallbackSecret()), tenant, bodies)::register,
                new FileRoutes(useCases.files())::register,
                new TopicRoutes(useCases.topics(), tenant, bodies)::register,
                new CatalogRoutes(useCases.avatars(), useCases.voices(), tenant)::register,
                new HeyGenWebhookRoutes(useCases.tracking().renderEvents(), bodies)::register,
                new StatusRoutes(useCases.tracking().status())::register);
    }

    private static void configureServer(JavalinConfig config, Uploads uploads, JsonBodies bodies) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = MAX_JSON_BODY_BYTES;
        config.jetty.multipartConfig.cacheDirectory(uploads.directory().toString());
        config.jetty.multipartConfig.maxTotalRequestSize(uploads.maxRequestBytes(), SizeUnit.BYTES);
        config.jetty.multipartConfig.maxInMemoryFileSize(IN_MEMORY_PART_BYTES, SizeUnit.BYTES);
        config.jsonMapper(new JavalinJackson(bodies.mapper(), true));
        configureJetty(config, new ProblemErrorHandler(bodies.mapper()));
    }

    /** The last step of every request, whatever happened before: count it, log it with its id, forget the id. */
    private static void served(Context ctx, float millis, HttpMetrics metrics) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        metrics.served(ctx.method().name(), endpoint == null ? UNMATCHED_ROUTE : endpoint.path, ctx.statusCode(),
                Duration.ofNanos((long) (millis * 1_000_000)));
        if (endpoint != null && OperationsRoutes.isProbe(endpoint.path) && ctx.statusCode() < 400) {
            // Load balancers and Prometheus ask every few seconds; their answers are counted, not logged.
            LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis));
        } else {
            LOG.info("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis));
        }
        RequestIds.release();
    }

    /**
     * The server under the routes, for every request at once: the {@link HttpBorder} in front of everything, Jetty's
     * own answers written as problems, strict URIs, bounded headers, and a graceful stop.
     */
    private static void configureJetty(JavalinConfig config, ProblemErrorHandler jettyErrors) {
        // A known path asked with a method it does not serve is a 405 naming the ones it does, not a 404.
        config.http.prefer405over404 = true;
        config.jetty.modifyHttpConfiguration(http -> {
            // Javalin chooses LEGACY, which lets %2F, %2e%2e and empty segments through to the routes; refuse them all.
            http.setUriCompliance(UriCompliance.DEFAULT);
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
        });
        // Stopping closes the port at once, then lets the requests under way finish (new ones meanwhile get 503).
        config.jetty.modifyServer(server -> {
            GracefulHandler graceful = new GracefulHandler();
            // Idle keep-alive connections are closed at once instead of after their idle timeout.
            graceful.setShutdownIdleTimeout(1);
            // Javalin puts its servlet inside the innermost wrapper: every request passes the border first.
            graceful.setHandler(new HttpBorder());
            server.setHandler(graceful);
            server.setErrorHandler(jettyErrors);
            server.setStopTimeout(DRAIN_TIMEOUT.toMillis());
        });
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
    }

    /**
     * Creates the upload directory and removes parts a process that died mid-request left behind. Only old ones: another
     * instance sharing the directory may be receiving a request right now.
     */
    private static void prepare(Path directory) {
        try {
            Files.createDirectories(directory);
            Instant stale = Instant.now().minus(STALE_UPLOAD_AGE);
            try (Stream<Path> leftovers = Files.list(directory)) {
                for (Path file : leftovers.filter(Files::isRegularFile).toList()) {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(stale)) {
                        Files.deleteIfExists(file);
                        LOG.info("removed {}, left in the upload directory by an earlier process", file.getFileName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the upload directory " + directory, e);
        }
    }

    /** The methods some route serves on this path; HEAD wherever GET is, since Javalin answers it there. */
    private List<String> allowedMethods(String path) {
        List<String> methods = new ArrayList<>();
        for (HandlerType type : MethodNotAllowedUtil.INSTANCE.findAvailableHttpHandlerTypes(app.unsafe.internalRouter, path)) {
            methods.add(type.name());
            if (type == HandlerType.GET) {
                methods.add(HandlerType.HEAD.name());
            }
        }
        return methods.stream().distinct().toList();
    }

    public JavalinServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP route registered, as Javalin knows them: what the API description must cover. */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(handler -> new Route(handler.endpoint.method.name(), handler.endpoint.path))
                .toList();
    }

    @Override
    public void close() {
        statusStreams.close();
        app.stop();
    }

    static void problem(Context ctx, Problem problem) {
        ctx.status(problem.status()).json(problem).contentType(Problem.CONTENT_TYPE);
    }
}
