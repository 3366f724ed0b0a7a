package dev.avatarvideo.heygen.simulator;

import static dev.avatarvideo.heygen.simulator.JsonInput.httpUrl;
import static dev.avatarvideo.heygen.simulator.JsonInput.numberWithin;
import static dev.avatarvideo.heygen.simulator.JsonInput.oneOf;
import static dev.avatarvideo.heygen.simulator.JsonInput.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v3/videos}, {@code GET /v3/videos/{id}} and {@code GET /v3/videos/statuses}; the presigned file
 * addresses a finished render hands out come from {@link SimulatedDownloads}.
 */
final class VideosApi {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);

    static final int MAX_SCRIPT_LENGTH = 5000;
    static final int MAX_SCENES = 50;
    static final int MAX_STATUS_IDS = 100;
    private static final Set<String> RESOLUTIONS = Set.of("720p", "1080p", "4k");
    private static final Set<String> ASPECT_RATIOS = Set.of("16:9", "9:16", "4:5", "5:4", "1:1", "auto");
    private static final Set<String> OUTPUT_FORMATS = Set.of("mp4", "webm");
    private static final Set<String> CAPTION_FORMATS = Set.of("srt");
    private static final Set<String> CAPTION_STYLES = Set.of("default");
    private static final Set<String> ENGINES = Set.of("avatar_iii", "avatar_iv", "avatar_v");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_:.-]{1,255}");
    private static final Pattern HEX_COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
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
    private final Catalog catalog;
    private final Map<String, SimulatedRender> renders;
    private final SimulatorCounters counters;
    private final Supplier<URI> baseUrl;
    private final SimulatedDownloads downloads;
    private final Map<String, IdempotentCreation> idempotentCreations = new HashMap<>();
    private final AtomicReference<Duration> renderTimePerScriptCharacter = new AtomicReference<>(Duration.ZERO);

    VideosApi(SimulatorSettings settings, Clock clock, FaultInjector faults, Catalog catalog, Map<String, SimulatedRender> renders,
              SimulatorCounters counters, Supplier<URI> baseUrl, SimulatedDownloads downloads) {
        this.settings = settings;
        this.clock = clock;
        this.faults = faults;
        this.catalog = catalog;
        this.renders = renders;
        this.counters = counters;
        this.baseUrl = baseUrl;
        this.downloads = downloads;
    }

    void create(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        JsonNode body = JsonInput.object(ctx);
        String idempotencyKey = ctx.header("Idempotency-Key");
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw HeyGenError.invalidParameter("Idempotency-Key", "Idempotency-Key must be 1-255 characters of [A-Za-z0-9_:.-]");
        }
        validateCreation(body);
        if (idempotencyKey == null) {
            ctx.json(envelope(start(account, body)));
            return;
        }
        String scope = account.apiKey() + '\n' + idempotencyKey;
        Map<String, Object> replay = reserve(scope);
        if (replay != null) {
            LOG.info(HeyGenSimulator.LOG_PREFIX + "replaying creation of {} for a repeated Idempotency-Key", replay.get("video_id"));
            ctx.json(envelope(replay));
            return;
        }
        try {
            Map<String, Object> answer = start(account, body);
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

    private Map<String, Object> start(Accounts.Account account, JsonNode body) {
        Instant now = clock.instant();
        synchronized (account) {
            int limit = faults.profile().maxConcurrentRendersPerKey();
            if (limit > 0) {
                long inProgress = renders.values().stream()
                        .filter(r -> r.apiKey().equals(account.apiKey()) && !r.finishedAt(now)).count();
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
        SimulatedRender render = new SimulatedRender(videoId, account.apiKey(), text(body, "title", null), text(body, "callback_id", null),
                httpUrl(body, "callback_url", "callback_url"), now, renderTime(body), visibleFrom, failure,
                RenderPlan.from(body, catalog));
        renders.put(videoId, render);
        counters.rendersStarted.incrementAndGet();
        LOG.info(HeyGenSimulator.LOG_PREFIX + "render {} started ({} type, simulated {} render{})", videoId, body.path("type").asText(),
                render.renderTime(), failure == null ? "" : ", will fail");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("video_id", videoId);
        answer.put("status", "waiting");
        answer.put("output_format", text(body, "output_format", "mp4"));
        return answer;
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
            characters += scene.path("input").path("script").asText("").length();
        }
        return perCharacter.multipliedBy(characters);
    }

    private void validateCreation(JsonNode body) {
        String type = text(body, "type", null);
        if (type == null) {
            throw HeyGenError.invalidParameter("type", "type is required: 'avatar' or 'studio'");
        }
        switch (type) {
            case "avatar" -> {
                validateAvatarInput(body, "");
                validateBackground(body.get("background"), "background.", "value");
                oneOf(body.path("engine"), "type", ENGINES, "engine.");
            }
            case "studio" -> validateStudio(body);
            default -> throw HeyGenError.invalidParameter("type", "type must be 'avatar' or 'studio', got '" + type + "'");
        }
        oneOf(body, "resolution", RESOLUTIONS, "");
        oneOf(body, "aspect_ratio", ASPECT_RATIOS, "");
        oneOf(body, "output_format", OUTPUT_FORMATS, "");
        JsonNode caption = body.get("caption");
        if (caption != null && !caption.isNull()) {
            if (!caption.isObject()) {
                throw HeyGenError.invalidParameter("caption", "caption must be an object {file_format: 'srt'}");
            }
            oneOf(caption, "file_format", CAPTION_FORMATS, "caption.");
            oneOf(caption, "style", CAPTION_STYLES, "caption.");
        }
        httpUrl(body, "callback_url", "callback_url");
    }

    private void validateStudio(JsonNode body) {
        JsonNode scenes = body.get("scenes");
        if (scenes == null || !scenes.isArray() || scenes.isEmpty()) {
            throw HeyGenError.invalidParameter("scenes", "scenes must be a non-empty array");
        }
        if (scenes.size() > MAX_SCENES) {
            throw HeyGenError.invalidParameter("scenes", "scenes must contain at most " + MAX_SCENES + " items");
        }
        for (int i = 0; i < scenes.size(); i++) {
            JsonNode scene = scenes.get(i);
            String prefix = "scenes[" + i + "].";
            if (!"avatar_video".equals(text(scene, "type", null))) {
                throw HeyGenError.invalidParameter(prefix + "type", "the simulator supports scene type 'avatar_video' only");
            }
            JsonNode input = scene.path("input");
            if (!"avatar".equals(text(input, "type", null))) {
                throw HeyGenError.invalidParameter(prefix + "input.type", "input.type must be 'avatar'");
            }
            validateAvatarInput(input, prefix + "input.");
            validateBackground(input.get("background"), prefix + "input.background.", "color");
        }
    }

    private void validateAvatarInput(JsonNode node, String prefix) {
        String avatarId = text(node, "avatar_id", null);
        if (avatarId == null) {
            throw HeyGenError.invalidParameter(prefix + "avatar_id", "avatar_id is required");
        }
        if (catalog.look(avatarId).isEmpty()) {
            throw HeyGenError.invalidParameter(prefix + "avatar_id", "Avatar look '" + avatarId + "' not found");
        }
        String script = text(node, "script", null);
        boolean hasAudio = node.hasNonNull("audio_url") || node.hasNonNull("audio_asset_id");
        if (script == null && !hasAudio) {
            throw HeyGenError.invalidParameter(prefix + "script", "script is required unless audio_url or audio_asset_id is given");
        }
        if (script != null) {
            if (script.isBlank()) {
                throw HeyGenError.invalidParameter(prefix + "script", "script must not be empty");
            }
            if (script.length() > MAX_SCRIPT_LENGTH) {
                throw HeyGenError.invalidParameter(prefix + "script", "script must be shorter than " + MAX_SCRIPT_LENGTH + " characters");
            }
            String voiceId = text(node, "voice_id", null);
            if (voiceId == null) {
                throw HeyGenError.invalidParameter(prefix + "voice_id", "voice_id is required with a script");
            }
            if (catalog.voice(voiceId).isEmpty()) {
                throw HeyGenError.invalidParameter(prefix + "voice_id", "Voice '" + voiceId + "' not found");
            }
        }
        JsonNode voiceSettings = node.get("voice_settings");
        if (voiceSettings != null && !voiceSettings.isNull()) {
            String settingsPrefix = prefix + "voice_settings.";
            numberWithin(voiceSettings, "speed", 0.5, 1.5, settingsPrefix);
            numberWithin(voiceSettings, "pitch", -50, 50, settingsPrefix);
            numberWithin(voiceSettings, "volume", 0, 1, settingsPrefix);
        }
    }

    /** Avatar videos name a colour {@code value}, studio scenes a {@code color}; images come as {@code url} or {@code asset_id}. */
    private static void validateBackground(JsonNode background, String prefix, String colorField) {
        if (background == null || background.isNull()) {
            return;
        }
        String type = text(background, "type", null);
        if ("color".equals(type)) {
            String color = text(background, colorField, null);
            if (color == null || !HEX_COLOR.matcher(color).matches()) {
                throw HeyGenError.invalidParameter(prefix + colorField, colorField + " must be a hex colour like #FFFFFF");
            }
        } else if ("image".equals(type)) {
            if (!background.hasNonNull("url") && !background.hasNonNull("asset_id")) {
                throw HeyGenError.invalidParameter(prefix + "url", "an image background needs a url or an asset_id");
            }
            httpUrl(background, "url", prefix + "url");
        } else {
            throw HeyGenError.invalidParameter(prefix + "type", "background type must be 'color' or 'image'");
        }
    }

    void status(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        String videoId = ctx.pathParam("video_id");
        Instant now = clock.instant();
        SimulatedRender render = visibleRender(account, videoId, now);
        if (render == null) {
            throw HeyGenError.notFound("Video '" + videoId + "' not found");
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

    void statuses(Context ctx) {
        Accounts.Account account = HeyGenSimulator.account(ctx);
        String ids = ctx.queryParam("video_ids");
        if (ids == null || ids.isBlank()) {
            throw HeyGenError.invalidParameter("video_ids", "video_ids is required: a comma-separated list of up to " + MAX_STATUS_IDS + " ids");
        }
        List<String> requested = List.of(ids.split(","));
        if (requested.size() > MAX_STATUS_IDS) {
            throw HeyGenError.invalidParameter("video_ids", "at most " + MAX_STATUS_IDS + " video_ids per call, got " + requested.size());
        }
        Instant now = clock.instant();
        List<Map<String, Object>> data = new ArrayList<>();
        for (String raw : requested) {
            String videoId = raw.strip();
            SimulatedRender render = visibleRender(account, videoId, now);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("video_id", videoId);
            if (render == null) {
                entry.put("status", "not_found");
                entry.put("error", Map.of("code", "not_found", "message", "Video not found"));
            } else {
                String status = render.statusAt(now);
                entry.put("status", status);
                if (status.equals("failed")) {
                    entry.put("error", Map.of("code", render.failure().code(), "message", render.failure().message()));
                }
            }
            data.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        answer.put("has_more", false);
        answer.put("next_token", null);
        ctx.json(answer);
    }

    private SimulatedRender visibleRender(Accounts.Account account, String videoId, Instant now) {
        SimulatedRender render = renders.get(videoId);
        if (render == null || !render.apiKey().equals(account.apiKey()) || !render.visibleAt(now)) {
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
