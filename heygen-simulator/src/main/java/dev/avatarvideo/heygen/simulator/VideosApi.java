package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.JsonInput.httpUrl;
import static dev.avatarvideo.heygen.simulator.JsonInput.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v3/videos}, {@code GET /v3/videos/{id}} and {@code GET /v3/videos/statuses}; the presigned file
 * addresses a finished render hands out come from {@link SimulatedDownloads}. Every render it accepts is written to the
 * {@link SimulatorJournal} before the creation is answered, with its request and its {@link RenderPlan}, so a restarted
 * simulator finishes it on schedule and hands out the same files for it.
 */
final class VideosApi {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);

    static final int MAX_STATUS_IDS = 100;
    static final String RENDER_ENTRY = "render";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_:.-]{1,255}");
    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    /** A creation seen with an Idempotency-Key: still running, or done with the answer a repeat replays. */
    private record IdempotentCreation(Map<String, Object> answer, Instant at) {

        boolean running() {
            return answer == null;
        }
    }

    private final SimulatorSettings settings;
    private final Clock clock;
    private final FaultInjector faults;
    private final VideoCreationRules rules;
    private final Map<String, SimulatedRender> renders;
    private final SimulatorCounters counters;
    private final Supplier<URI> baseUrl;
    private final Catalog catalog;
    private final SimulatedDownloads downloads;
    private final SimulatorJournal journal;
    private final Map<String, IdempotentCreation> idempotentCreations = new HashMap<>();
    private final AtomicReference<Duration> renderTimePerScriptCharacter = new AtomicReference<>(Duration.ZERO);

    VideosApi(SimulatorSettings settings, Clock clock, FaultInjector faults, Catalog catalog, Map<String, SimulatedRender> renders,
              SimulatorCounters counters, Supplier<URI> baseUrl, SimulatedDownloads downloads, SimulatorJournal journal) {
        this.settings = settings;
        this.clock = clock;
        this.faults = faults;
        this.rules = new VideoCreationRules(catalog);
        this.renders = renders;
        this.counters = counters;
        this.baseUrl = baseUrl;
        this.catalog = catalog;
        this.downloads = downloads;
        this.journal = journal;
        restore(journal.entries());
    }

    void create(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        JsonNode body = JsonInput.object(ctx);
        String idempotencyKey = ctx.header("Idempotency-Key");
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw HeyGenError.invalidParameter("Idempotency-Key", "Idempotency-Key must be 1-255 characters of [A-Za-z0-9_:.-]");
        }
        rules.check(body);
        if (idempotencyKey == null) {
            ctx.json(envelope(start(account, body, null)));
            return;
        }
        String scope = account.id() + '\n' + idempotencyKey;
        Map<String, Object> replay = reserve(scope);
        if (replay != null) {
            LOG.info(HeyGenSimulator.LOG_PREFIX + "replaying creation of {} for a repeated Idempotency-Key", replay.get("video_id"));
            ctx.json(envelope(replay));
            return;
        }
        try {
            Map<String, Object> answer = start(account, body, scope);
            ctx.json(envelope(answer));
            // Done only once the whole exchange is over: a repeat during a held (timed-out) answer is still "in progress".
            HeyGenSimulator.afterAnswer(ctx, () -> finish(scope, answer));
        } catch (RuntimeException e) {
            release(scope);
            throw e;
        }
    }

    private synchronized Map<String, Object> reserve(String scope) {
        IdempotentCreation previous = idempotentCreations.get(scope);
        Instant now = clock.instant();
        if (previous != null && previous.at().plus(IDEMPOTENCY_WINDOW).isAfter(now)) {
            if (previous.running()) {
                throw HeyGenError.requestInProgress();
            }
            return previous.answer();
        }
        idempotentCreations.put(scope, new IdempotentCreation(null, now));
        return null;
    }

    private synchronized void finish(String scope, Map<String, Object> answer) {
        idempotentCreations.put(scope, new IdempotentCreation(answer, clock.instant()));
    }

    private synchronized void release(String scope) {
        idempotentCreations.remove(scope);
    }

    /** Starts a render and journals it (with its Idempotency-Key scope, if any) before anyone hears of it. */
    private Map<String, Object> start(Accounts.Account account, JsonNode body, String idempotencyScope) {
        Instant now = clock.instant();
        synchronized (account) {
            int limit = faults.profile().maxConcurrentRendersPerKey();
            if (limit > 0) {
                long inProgress = renders.values().stream()
                        .filter(r -> r.accountId().equals(account.id()) && !r.finishedAt(now)).count();
                if (inProgress >= limit) {
                    throw HeyGenError.rateLimited("Too many concurrent renders for this API key (" + inProgress + " in progress, limit "
                            + limit + ")", Math.max(1, faults.profile().retryAfterSeconds()));
                }
            }
            account.charge(Accounts.RENDER_PRICE);
        }
        String videoId = UUID.randomUUID().toString().replace("-", "");
        Instant visibleFrom = faults.invisibleAfterCreate() ? now.plus(faults.profile().notFoundAfterCreate()) : now;
        SimulatedRender.Failure failure = faults.renderFails()
                ? new SimulatedRender.Failure("SIMULATED_RENDER_FAILURE", "SIMULATED render failure: the HeyGen simulator was told to fail this render")
                : null;
        SimulatedRender render = render(videoId, account.id(), body, now, renderTime(body), visibleFrom, failure, RenderPlan.from(body, catalog));
        journal.append(renderEntry(render, body, idempotencyScope));
        renders.put(videoId, render);
        counters.rendersStarted.incrementAndGet();
        LOG.info(HeyGenSimulator.LOG_PREFIX + "render {} started ({} type, simulated {} render{})", videoId, body.path("type").asText(),
                render.renderTime(), failure == null ? "" : ", will fail");
        return creationAnswer(render, body);
    }

    /** A render from its request and plan: at creation, and again from the journal after a restart. */
    private static SimulatedRender render(String videoId, String accountId, JsonNode body, Instant createdAt, Duration renderTime,
                                          Instant visibleFrom, SimulatedRender.Failure failure, RenderPlan plan) {
        return new SimulatedRender(videoId, accountId, text(body, "title", null), text(body, "callback_id", null),
                httpUrl(body, "callback_url", ""), createdAt, renderTime, visibleFrom, failure, plan);
    }

    private static Map<String, Object> creationAnswer(SimulatedRender render, JsonNode body) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("video_id", render.videoId());
        answer.put("status", "waiting");
        // A studio video is MP4 only ("output_format is not exposed").
        answer.put("output_format", body.path("type").asText().equals("avatar") ? text(body, "output_format", "mp4") : "mp4");
        return answer;
    }

    private static ObjectNode renderEntry(SimulatedRender render, JsonNode body, String idempotencyScope) {
        ObjectNode entry = JsonInput.JSON.createObjectNode();
        entry.put("kind", RENDER_ENTRY);
        entry.put("id", render.videoId());
        entry.put("account", render.accountId());
        entry.put("created_at", render.createdAt().toString());
        entry.put("render_time", render.renderTime().toString());
        entry.put("visible_from", render.visibleFrom().toString());
        if (render.failure() != null) {
            entry.putObject("failure").put("code", render.failure().code()).put("message", render.failure().message());
        }
        entry.put("idempotency_scope", idempotencyScope);
        entry.set("request", body);
        // The plan itself, not only the request it came from: made again, it could differ (a look added since, other rules).
        entry.set("plan", JsonInput.JSON.valueToTree(render.plan()));
        return entry;
    }

    /** Takes back the renders and replayable creations a journal holds. */
    private void restore(List<ObjectNode> entries) {
        Instant now = clock.instant();
        for (ObjectNode entry : entries) {
            if (!entry.path("kind").asText().equals(RENDER_ENTRY)) {
                continue;
            }
            SimulatedRender render = restoredRender(entry);
            renders.put(render.videoId(), render);
            String scope = entry.path("idempotency_scope").asText("");
            if (!scope.isEmpty() && render.createdAt().plus(IDEMPOTENCY_WINDOW).isAfter(now)) {
                idempotentCreations.put(scope, new IdempotentCreation(creationAnswer(render, entry.path("request")), render.createdAt()));
            }
        }
    }

    /**
     * A journalled render. An entry written before renders had a plan holds the request alone; its plan is made from that
     * request again. An entry that cannot be read back stops the start: guessing would serve other files than before.
     */
    private SimulatedRender restoredRender(ObjectNode entry) {
        String videoId = entry.path("id").asText();
        try {
            JsonNode failure = entry.path("failure");
            JsonNode request = entry.path("request");
            RenderPlan plan = entry.hasNonNull("plan") ? JsonInput.JSON.treeToValue(entry.get("plan"), RenderPlan.class)
                    : RenderPlan.from(request, catalog);
            return render(videoId, entry.path("account").asText(), request,
                    Instant.parse(entry.path("created_at").asText()), Duration.parse(entry.path("render_time").asText()),
                    Instant.parse(entry.path("visible_from").asText()),
                    failure.isObject() ? new SimulatedRender.Failure(failure.path("code").asText(), failure.path("message").asText()) : null,
                    plan);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("the HeyGen simulator cannot read back render " + videoId + " from " + journal.file()
                    + "; refusing to guess what it rendered (" + e.getMessage() + ")", e instanceof IOException io ? io : new IOException(e));
        }
    }

    void renderTimePerScriptCharacter(Duration perCharacter) {
        if (perCharacter.isNegative()) {
            throw new IllegalArgumentException("perCharacter must not be negative");
        }
        renderTimePerScriptCharacter.set(perCharacter);
    }

    private Duration renderTime(JsonNode body) {
        Duration perCharacter = renderTimePerScriptCharacter.get();
        if (perCharacter.isZero()) {
            return settings.renderTime();
        }
        long characters = body.path("script").asText("").length();
        for (JsonNode scene : body.path("scenes")) {
            characters += scene.path("input").path("script").asText("").length() + scene.path("script").asText("").length();
        }
        return perCharacter.multipliedBy(characters);
    }

    void status(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        String videoId = ctx.pathParam("video_id");
        Instant now = clock.instant();
        SimulatedRender render = visibleRender(account, videoId, now);
        if (render == null) {
            throw HeyGenError.videoNotFound(videoId);
        }
        String status = render.statusAt(now);
        boolean completed = status.equals("completed");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", videoId);
        data.put("status", status);
        data.put("title", render.title());
        data.put("created_at", render.createdAt().getEpochSecond());
        data.put("completed_at", completed ? render.completedAt().getEpochSecond() : null);
        data.put("duration", completed ? render.plan().duration().toMillis() / 1000.0 : null);
        data.put("video_url", completed ? downloads.signedUrl(render, SimulatedDownloads.Artefact.VIDEO, now) : null);
        data.put("captioned_video_url", completed ? downloads.signedUrl(render, SimulatedDownloads.Artefact.CAPTIONED_VIDEO, now) : null);
        data.put("subtitle_url", completed ? downloads.signedUrl(render, SimulatedDownloads.Artefact.SUBTITLES, now) : null);
        data.put("thumbnail_url", completed ? downloads.signedUrl(render, SimulatedDownloads.Artefact.POSTER, now) : null);
        data.put("gif_url", completed ? downloads.signedUrl(render, SimulatedDownloads.Artefact.PREVIEW, now) : null);
        data.put("video_page_url", completed ? videoPageUrl(videoId) : null);
        data.put("folder_id", null);
        data.put("failure_code", render.failure() != null && status.equals("failed") ? render.failure().code() : null);
        data.put("failure_message", render.failure() != null && status.equals("failed") ? render.failure().message() : null);
        ctx.json(envelope(data));
    }

    /**
     * Up to 100 {@code video_ids} and/or {@code batch_ids} (the simulator makes no batches, so each of those is
     * {@code not_found}); a render that waits for its turn is {@code queued} here, not {@code pending}.
     */
    void statuses(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        List<String> videoIds = ids(ctx.queryParam("video_ids"));
        List<String> batchIds = ids(ctx.queryParam("batch_ids"));
        if (videoIds.isEmpty() && batchIds.isEmpty()) {
            throw HeyGenError.invalidParameter("video_ids", "video_ids or batch_ids is required: comma-separated, up to " + MAX_STATUS_IDS + " ids");
        }
        if (videoIds.size() + batchIds.size() > MAX_STATUS_IDS) {
            throw HeyGenError.invalidParameter(videoIds.size() > MAX_STATUS_IDS ? "video_ids" : "batch_ids",
                    "at most " + MAX_STATUS_IDS + " ids per call, got " + (videoIds.size() + batchIds.size()));
        }
        Instant now = clock.instant();
        List<Map<String, Object>> data = new ArrayList<>();
        for (String videoId : videoIds) {
            SimulatedRender render = visibleRender(account, videoId, now);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("video_id", videoId);
            if (render == null) {
                entry.put("status", "not_found");
                entry.put("error", Map.of("code", "not_found", "message", "Video not found"));
            } else {
                String status = render.bulkStatusAt(now);
                entry.put("status", status);
                if (status.equals("failed")) {
                    entry.put("error", Map.of("code", render.failure().code(), "message", render.failure().message()));
                }
            }
            data.add(entry);
        }
        for (String batchId : batchIds) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("batch_id", batchId);
            entry.put("video_id", null);
            entry.put("status", "not_found");
            data.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        answer.put("has_more", false);
        answer.put("next_token", null);
        ctx.json(answer);
    }

    private static List<String> ids(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
    }

    private SimulatedRender visibleRender(Accounts.Account account, String videoId, Instant now) {
        SimulatedRender render = renders.get(videoId);
        if (render == null || !render.accountId().equals(account.id()) || !render.visibleAt(now)) {
            return null;
        }
        return render;
    }

    /** What an {@code avatar_video.success} event carries: HeyGen calls the address {@code url}, not {@code video_url}. */
    Map<String, Object> successEventData(SimulatedRender render) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("video_id", render.videoId());
        Instant now = clock.instant();
        data.put("url", downloads.signedUrl(render, SimulatedDownloads.Artefact.VIDEO, now));
        data.put("callback_id", render.callbackId());
        data.put("gif_download_url", downloads.signedUrl(render, SimulatedDownloads.Artefact.PREVIEW, now));
        data.put("video_share_page_url", videoPageUrl(render.videoId()));
        return data;
    }

    private String videoPageUrl(String videoId) {
        return baseUrl.get() + "/sim-pages/" + videoId;
    }

    static Map<String, Object> envelope(Object data) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        return answer;
    }
}
