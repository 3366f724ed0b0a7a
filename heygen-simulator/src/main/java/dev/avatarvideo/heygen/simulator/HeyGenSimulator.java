package dev.avatarvideo.heygen.simulator;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATED HeyGen v3 API. It renders nothing: every "render" finishes after the configured time and serves an H.264/AAC
 * MP4 joined from pre-encoded pieces of a still picture saying SIMULATED, as long as speaking its scripts would take,
 * with subtitles, a poster and an animated preview made from the request. It validates requests as HeyGen's request
 * schemas do, answers with HeyGen's envelopes, field names, error codes and status values, delivers signed webhooks,
 * and injects HeyGen's known failures on demand ({@link #useFaults}), so the real HeyGen adapter can be developed and
 * tested against it without a HeyGen account. Given a state directory it keeps what it accepted there (and the videos
 * it made) and takes it back when started again on it.
 */
public final class HeyGenSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);
    static final String LOG_PREFIX = "[SIMULATED HeyGen] ";
    /** The avatar looks' preview video. */
    private static final String PREVIEW_VIDEO_RESOURCE = "rendered-avatar-video.mp4";
    /** Under the state directory: the MP4s made for renders, so a restart serves the very bytes it served before. */
    static final String VIDEOS_DIRECTORY = "videos";
    private static final String ACCOUNT_ATTRIBUTE = "sim.account";
    private static final String AFTER_ANSWER_ATTRIBUTE = "sim.afterAnswer";

    /** One request the simulator received, for tests that count calls. */
    public record RecordedRequest(String method, String path, String query, Instant at) {
    }

    /**
     * When one render held one of its key's render slots: from its creation until it finished (completed or failed), as
     * HeyGen counts renders in progress against a key's concurrency limit.
     */
    public record RenderSpan(String renderId, Instant startedAt, Instant finishedAt) {
    }

    private final SimulatorSettings settings;
    private final Clock clock;
    private final SimulatedVideos videoFiles;
    private final SimulatedDownloads downloads;
    private final Accounts accounts = new Accounts();
    private final Catalog catalog = new Catalog();
    private final FaultInjector faults = new FaultInjector();
    private final SimulatorCounters counters = new SimulatorCounters();
    private final Map<String, SimulatedRender> renders = new ConcurrentHashMap<>();
    /** Appended on every request: a copy-on-write list would copy itself each time, quadratic under a benchmark's load. */
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final SimulatorJournal journal;
    private final SimulatedWebhooks webhooks;
    private final VideosApi videos;
    private final Javalin server;

    private HeyGenSimulator(SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        accounts.add(settings.apiKey(), "simulated-user");
        this.journal = settings.stateDirectory().map(SimulatorJournal::in).orElseGet(SimulatorJournal::none);
        this.videoFiles = settings.stateDirectory().map(directory -> SimulatedVideos.keptIn(directory.resolve(VIDEOS_DIRECTORY)))
                .orElseGet(SimulatedVideos::inTemporaryDirectory);
        this.downloads = new SimulatedDownloads(settings, clock, faults, renders, counters, this::baseUrl, videoFiles, journal);
        VideosApi videos = new VideosApi(settings, clock, faults, catalog, renders, counters, this::baseUrl, downloads, journal);
        this.videos = videos;
        AccountApi account = new AccountApi(catalog, this::baseUrl, loadPreviewVideo());
        this.webhooks = new SimulatedWebhooks(clock, faults, counters, renders::values, videos::successEventData, journal);
        WebhooksApi webhookRoutes = new WebhooksApi(webhooks, settings.httpWebhookUrlsAllowed());
        AdminApi admin = new AdminApi(this);
        this.server = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            RoutesConfig routes = config.routes;
            routes.before(this::record);
            routes.before("/v3/*", this::requireApiKey);
            routes.post("/v3/videos", api(videos::create));
            routes.get("/v3/videos/statuses", api(videos::statuses));
            routes.get("/v3/videos/{video_id}", api(videos::status));
            routes.get("/v3/users/me", api(account::me));
            routes.get("/v3/avatars/looks", api(account::looks));
            routes.get("/v3/voices", api(account::voices));
            routes.post("/v3/webhooks/endpoints", api(webhookRoutes::create));
            routes.get("/v3/webhooks/endpoints", api(webhookRoutes::list));
            routes.patch("/v3/webhooks/endpoints/{endpoint_id}", api(webhookRoutes::update));
            routes.delete("/v3/webhooks/endpoints/{endpoint_id}", api(webhookRoutes::delete));
            routes.post("/v3/webhooks/endpoints/{endpoint_id}/rotate-secret", api(webhookRoutes::rotateSecret));
            routes.get("/v3/webhooks/events", api(webhookRoutes::events));
            routes.get("/sim-files/{file}", downloads::serve);
            routes.get("/sim-previews/{file}", account::preview);
            routes.get("/sim-pages/{video_id}", ctx -> ctx.html("<!doctype html><title>SIMULATED HeyGen video page</title>"
                    + "<p>This is the HeyGen SIMULATOR's share page for a simulated video.</p>"));
            routes.get("/sim-admin/faults", admin::faults);
            routes.post("/sim-admin/faults", admin::setFaults);
            routes.delete("/sim-admin/faults", admin::clearFaults);
            routes.get("/sim-admin/stats", admin::stats);
            routes.get("/sim-admin/requests", admin::requests);
            routes.post("/sim-admin/catalog/looks", admin::addLooks);
            routes.exception(HeyGenError.class, HeyGenSimulator::answerError);
            routes.exception(Exception.class, (e, ctx) -> {
                LOG.error(LOG_PREFIX + "internal error on {} {}", ctx.method(), ctx.path(), e);
                answerError(new HeyGenError(500, "internal_error", "The simulator failed: " + e.getMessage(), null), ctx);
            });
            routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    answerError(HeyGenError.notFound("No such endpoint: " + ctx.method() + " " + ctx.path()), ctx);
                }
            });
        });
    }

    /** Starts a simulator on the configured port (0 for any free port) with the system clock. */
    public static HeyGenSimulator start(SimulatorSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    public static HeyGenSimulator start(SimulatorSettings settings, Clock clock) {
        HeyGenSimulator simulator = new HeyGenSimulator(settings, clock);
        try {
            simulator.server.start("127.0.0.1", settings.port());
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        simulator.webhooks.start();
        LOG.info(LOG_PREFIX + "SIMULATOR listening on {} (this is not the real HeyGen; renders are simulated, {} each)",
                simulator.baseUrl(), settings.renderTime());
        if (simulator.journal.keeps()) {
            LOG.info(LOG_PREFIX + "SIMULATOR keeps its state in {} ({} renders taken back from an earlier run)",
                    simulator.journal.file(), simulator.renders.size());
        }
        if (settings.httpWebhookUrlsAllowed()) {
            LOG.info(LOG_PREFIX + "SIMULATOR accepts http:// webhook endpoint URLs (a test setting: the real HeyGen requires https)");
        }
        return simulator;
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public String apiKey() {
        return settings.apiKey();
    }

    /** Accepts another API key, as another HeyGen account with its own renders, webhooks and wallet. */
    public void acceptApiKey(String apiKey, String username) {
        accounts.add(apiKey, username);
    }

    /** Sets what an account's wallet holds; each render costs 1, and a wallet that cannot pay answers 402. */
    public void setRemainingBalance(String apiKey, BigDecimal balance) {
        accounts.require(apiKey).setBalance(balance);
    }

    /** Replaces the fault profile and restarts its random sequence from the profile's seed. */
    public void useFaults(SimulatorFaults profile) {
        faults.use(profile);
        LOG.info(LOG_PREFIX + "fault profile now {}", profile);
    }

    public SimulatorFaults faults() {
        return faults.profile();
    }

    /**
     * From now on a render takes this long per character of its script (all scenes together) instead of the fixed
     * render time, as real renders take longer for longer videos; {@link Duration#ZERO} goes back to the fixed time.
     */
    public void renderTimePerScriptCharacter(Duration perCharacter) {
        videos.renderTimePerScriptCharacter(perCharacter);
    }

    /** When a render finishes (or finished), for measuring how soon a client noticed; empty for an unknown id. */
    public Optional<Instant> renderCompletedAt(String renderId) {
        return Optional.ofNullable(renders.get(renderId)).map(SimulatedRender::completedAt);
    }

    /**
     * Every render created with this API key, earliest first: a benchmark derives from them how many of the key's render
     * slots were busy at any moment.
     *
     * @throws IllegalArgumentException for a key the simulator does not accept
     */
    public List<RenderSpan> renderSpans(String apiKey) {
        String account = accounts.require(apiKey).id();
        return renders.values().stream().filter(render -> render.accountId().equals(account))
                .map(render -> new RenderSpan(render.videoId(), render.createdAt(), render.completedAt()))
                .sorted(Comparator.comparing(RenderSpan::startedAt).thenComparing(RenderSpan::renderId))
                .toList();
    }

    /** Adds generated avatar looks ({@code sim-look-00001} on) and answers their ids. */
    public List<String> addGeneratedLooks(int count) {
        return catalog.addGeneratedLooks(count);
    }

    /** Renders started, counting each distinct video once however often its creation was retried. */
    public int rendersStarted() {
        return counters.rendersStarted.get();
    }

    /** Downloads of rendered video files begun (complete, cut short or still under way). */
    public int downloadsStarted() {
        return counters.downloadsStarted.get();
    }

    /** Complete downloads of rendered video files. */
    public int videoDownloads() {
        return counters.videoDownloads.get();
    }

    /** Downloads cut short on purpose by the truncated-download fault. */
    public int truncatedDownloads() {
        return counters.truncatedDownloads.get();
    }

    /** Webhook POSTs sent (duplicates counted, lost ones not). */
    public int webhookDeliveries() {
        return counters.webhookDeliveries.get();
    }

    public List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    /**
     * The size in bytes of a completed render's video file as its {@code video_url} serves it: its own MP4, padded when
     * {@link SimulatorSettings#videoBytes()} asks for more.
     *
     * @throws IllegalArgumentException for an unknown render id
     */
    public long videoFileSize(String renderId) {
        SimulatedRender render = renders.get(renderId);
        if (render == null) {
            throw new IllegalArgumentException("no render " + renderId);
        }
        return downloads.videoSize(render);
    }

    @Override
    public void close() {
        webhooks.close();
        server.stop();
        journal.close();
        videoFiles.close();
        LOG.info(LOG_PREFIX + "SIMULATOR stopped");
    }

    static Accounts.Account account(Context ctx) {
        return ctx.attribute(ACCOUNT_ATTRIBUTE);
    }

    /** Runs once the answer to this request is final, after any fault has delayed or replaced it. */
    static void afterAnswer(Context ctx, Runnable action) {
        ctx.attribute(AFTER_ANSWER_ATTRIBUTE, action);
    }

    private void record(Context ctx) {
        if (!ctx.path().startsWith("/sim-admin")) {
            requests.add(new RecordedRequest(ctx.method().name(), ctx.path(), ctx.queryString(), clock.instant()));
        }
    }

    private void requireApiKey(Context ctx) {
        Accounts.Account account = accounts.byApiKey(ctx.header("X-Api-Key")).orElseThrow(HeyGenError::unauthorized);
        ctx.attribute(ACCOUNT_ATTRIBUTE, account);
    }

    /** Wraps a HeyGen API handler with the request faults of the current profile. */
    private Handler api(Handler handler) {
        return ctx -> {
            FaultInjector.RequestFault fault = faults.nextRequestFault();
            SimulatorFaults profile = faults.profile();
            sleep(profile.latency());
            if (fault == FaultInjector.RequestFault.RATE_LIMITED) {
                LOG.info(LOG_PREFIX + "{} {} rate limited (fault)", ctx.method(), ctx.path());
                throw HeyGenError.rateLimited("Rate limit exceeded (SIMULATED fault)", profile.retryAfterSeconds());
            }
            try {
                handler.handle(ctx);
                switch (fault) {
                    case SERVER_ERROR -> {
                        int status = faults.serverErrorStatus();
                        LOG.info(LOG_PREFIX + "{} {} done, but answered {} (fault)", ctx.method(), ctx.path(), status);
                        answerError(HeyGenError.serverError(status), ctx);
                    }
                    case ERROR_ON_200 -> {
                        LOG.info(LOG_PREFIX + "{} {} done, but answered 200 with an error body (fault)", ctx.method(), ctx.path());
                        Map<String, Object> error = new LinkedHashMap<>();
                        error.put("code", "internal_error");
                        error.put("message", "SIMULATED error reported with HTTP 200 (fault)");
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("data", null);
                        body.put("error", error);
                        ctx.status(200).json(body);
                    }
                    default -> {
                    }
                }
            } finally {
                if (fault == FaultInjector.RequestFault.TIMEOUT) {
                    LOG.info(LOG_PREFIX + "{} {} held for {} before answering (fault)", ctx.method(), ctx.path(), profile.timeoutHold());
                    sleep(profile.timeoutHold());
                }
                Runnable after = ctx.attribute(AFTER_ANSWER_ATTRIBUTE);
                if (after != null) {
                    after.run();
                }
            }
        };
    }

    private static void answerError(HeyGenError error, Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        if (error.param() != null) {
            body.put("param", error.param());
        }
        body.put("doc_url", error.docUrl());
        if (error.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(error.retryAfterSeconds()));
        }
        ctx.status(error.httpStatus()).json(Map.of("error", body));
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] loadPreviewVideo() {
        try (InputStream in = HeyGenSimulator.class.getResourceAsStream(PREVIEW_VIDEO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("simulator video resource " + PREVIEW_VIDEO_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
