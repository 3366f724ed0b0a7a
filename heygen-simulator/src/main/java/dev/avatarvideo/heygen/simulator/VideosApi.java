package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.JsonInput.httpUrl;
import static dev.avatarvideo.heygen.simulator.JsonInput.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
 * {@code POST /v3/videos}, {@code GET /v3/videos/{id}}, {@code GET /v3/videos/statuses} and the presigned file
 * addresses a finished render hands out. Every render it accepts is written to the {@link SimulatorJournal} before the
 * creation is answered, with its request, so a restarted simulator finishes it on schedule.
 */
final class VideosApi {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);

    static final int MAX_STATUS_IDS = 100;
    static final double VIDEO_DURATION_SECONDS = 4.0;
    static final String RENDER_ENTRY = "render";
    static final String URL_SIGNING_KEY_ENTRY = "url_signing_key";
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
    private final SimulatedVideoFile video;
    private final SimulatorJournal journal;
    private final byte[] urlSigningKey;
    private final Map<String, IdempotentCreation> idempotentCreations = new HashMap<>();
    private final AtomicReference<Duration> renderTimePerScriptCharacter = new AtomicReference<>(Duration.ZERO);

    VideosApi(SimulatorSettings settings, Clock clock, FaultInjector faults, Catalog catalog, Map<String, SimulatedRender> renders,
              SimulatorCounters counters, Supplier<URI> baseUrl, SimulatedVideoFile video, SimulatorJournal journal) {
        this.settings = settings;
        this.clock = clock;
        this.faults = faults;
        this.rules = new VideoCreationRules(catalog);
        this.renders = renders;
        this.counters = counters;
        this.baseUrl = baseUrl;
        this.video = video;
        this.journal = journal;
        this.urlSigningKey = restore(journal.entries());
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
        SimulatedRender render = render(videoId, account.id(), body, now, renderTime(body), visibleFrom, failure);
        journal.append(renderEntry(render, body, idempotencyScope));
        renders.put(videoId, render);
        counters.rendersStarted.incrementAndGet();
        LOG.info(HeyGenSimulator.LOG_PREFIX + "render {} started ({} type, simulated {} render{})", videoId, body.path("type").asText(),
                render.renderTime(), failure == null ? "" : ", will fail");
        return creationAnswer(render, body);
    }

    /** A render from its request: at creation, and again from the journal after a restart. */
    private static SimulatedRender render(String videoId, String accountId, JsonNode body, Instant createdAt, Duration renderTime,
                                          Instant visibleFrom, SimulatedRender.Failure failure) {
        JsonNode caption = body.path("caption");
        return new SimulatedRender(videoId, accountId, text(body, "title", null), text(body, "callback_id", null),
                httpUrl(body, "callback_url", ""), createdAt, renderTime, visibleFrom, failure,
                caption.isObject() ? firstScript(body) : null, caption.hasNonNull("style"));
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
        return entry;
    }

    /** Takes back the renders, replayable creations and URL signing key a journal holds; answers the signing key. */
    private byte[] restore(List<ObjectNode> entries) {
        byte[] signingKey = null;
        Instant now = clock.instant();
        for (ObjectNode entry : entries) {
            switch (entry.path("kind").asText()) {
                case URL_SIGNING_KEY_ENTRY -> signingKey = Base64.getDecoder().decode(entry.path("key").asText());
                case RENDER_ENTRY -> {
                    JsonNode failure = entry.path("failure");
                    SimulatedRender render = render(entry.path("id").asText(), entry.path("account").asText(), entry.path("request"),
                            Instant.parse(entry.path("created_at").asText()), Duration.parse(entry.path("render_time").asText()),
                            Instant.parse(entry.path("visible_from").asText()),
                            failure.isObject() ? new SimulatedRender.Failure(failure.path("code").asText(), failure.path("message").asText()) : null);
                    renders.put(render.videoId(), render);
                    String scope = entry.path("idempotency_scope").asText("");
                    if (!scope.isEmpty() && render.createdAt().plus(IDEMPOTENCY_WINDOW).isAfter(now)) {
                        idempotentCreations.put(scope, new IdempotentCreation(creationAnswer(render, entry.path("request")), render.createdAt()));
                    }
                }
                default -> {
                    // another part of the simulator's
                }
            }
        }
        if (signingKey == null) {
            signingKey = new byte[32];
            new SecureRandom().nextBytes(signingKey);
            ObjectNode entry = JsonInput.JSON.createObjectNode().put("kind", URL_SIGNING_KEY_ENTRY).put("id", "url");
            journal.append(entry.put("key", Base64.getEncoder().encodeToString(signingKey)));
        }
        return signingKey;
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

    private static String firstScript(JsonNode body) {
        if (body.hasNonNull("script")) {
            return body.get("script").asText();
        }
        JsonNode scene = body.path("scenes").path(0);
        return scene.path("input").path("script").asText(scene.path("script").asText(""));
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
        data.put("duration", completed ? VIDEO_DURATION_SECONDS : null);
        data.put("video_url", completed ? signedFileUrl(videoId + ".mp4", now) : null);
        data.put("captioned_video_url", completed && render.burnedInCaptions() ? signedFileUrl(videoId + "-captioned.mp4", now) : null);
        data.put("subtitle_url", completed && render.captioned() ? signedFileUrl(videoId + ".srt", now) : null);
        data.put("thumbnail_url", null);
        data.put("gif_url", null);
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
        data.put("url", signedFileUrl(render.videoId() + ".mp4", clock.instant()));
        data.put("callback_id", render.callbackId());
        data.put("video_share_page_url", videoPageUrl(render.videoId()));
        return data;
    }

    void serveFile(Context ctx) {
        String file = ctx.pathParam("file");
        String expires = ctx.queryParam("Expires");
        String signature = ctx.queryParam("Signature");
        if (expires == null || signature == null || !MessageDigest.isEqual(
                sign(file, expires).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            denyFileAccess(ctx, "Invalid signature");
            return;
        }
        Instant now = clock.instant();
        if (now.getEpochSecond() > parseEpoch(expires)) {
            denyFileAccess(ctx, "Request has expired");
            return;
        }
        String videoId = file.replaceFirst("(-captioned)?\\.(mp4|srt)$", "");
        SimulatedRender render = renders.get(videoId);
        if (render == null || !render.succeededAt(now)) {
            denyFileAccess(ctx, "No such object");
            return;
        }
        if (file.endsWith(".srt")) {
            ctx.contentType("application/x-subrip");
            ctx.result("1\n00:00:00,000 --> 00:00:04,000\n" + render.captionText() + "\n");
            return;
        }
        ctx.contentType("video/mp4");
        ctx.header("Content-Length", Long.toString(video.length()));
        counters.downloadsStarted.incrementAndGet();
        if (faults.truncateDownload()) {
            // The promised length stays; the connection ends halfway, as a dropped CDN transfer does.
            counters.truncatedDownloads.incrementAndGet();
            LOG.info(HeyGenSimulator.LOG_PREFIX + "download of {} truncated at {} of {} bytes (fault)", file, video.length() / 2, video.length());
            ctx.result(video.open(video.length() / 2));
            return;
        }
        ctx.result(video.open(video.length()));
        counters.videoDownloads.incrementAndGet();
    }

    /** Answers like a CDN refusing a presigned URL: 403 with an XML body, not HeyGen's JSON envelope. */
    private static void denyFileAccess(Context ctx, String reason) {
        ctx.status(403).contentType("application/xml")
                .result("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>" + reason + "</Message></Error>");
    }

    private String signedFileUrl(String file, Instant now) {
        String expires = Long.toString(now.plus(settings.videoUrlValidity()).getEpochSecond());
        return baseUrl.get() + "/sim-files/" + file + "?Expires=" + expires + "&Signature=" + sign(file, expires);
    }

    private String videoPageUrl(String videoId) {
        return baseUrl.get() + "/sim-pages/" + videoId;
    }

    private String sign(String file, String expires) {
        return Hmac.sha256Hex(urlSigningKey, (file + ":" + expires).getBytes(StandardCharsets.UTF_8));
    }

    private static long parseEpoch(String expires) {
        try {
            return Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static Map<String, Object> envelope(Object data) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        return answer;
    }
}
