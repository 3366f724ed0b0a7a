package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATED HeyGen v3 API. It renders nothing: every "render" completes after the configured time and serves the same
 * small H.264 MP4. It answers with HeyGen's envelopes, field names, error codes and status values, so the real
 * HeyGen adapter can be developed and tested against it without a HeyGen account.
 */
public final class HeyGenSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);
    static final String LOG_PREFIX = "[SIMULATED HeyGen] ";

    static final int MAX_SCRIPT_LENGTH = 5000;
    static final int MAX_SCENES = 50;
    static final int MAX_STATUS_IDS = 100;
    private static final Set<String> RESOLUTIONS = Set.of("720p", "1080p", "4k");
    private static final Set<String> ASPECT_RATIOS = Set.of("16:9", "9:16", "4:5", "5:4", "1:1", "auto");
    private static final Set<String> OUTPUT_FORMATS = Set.of("mp4", "webm");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_:.-]{1,255}");
    private static final String VIDEO_RESOURCE = "rendered-avatar-video.mp4";
    private static final double VIDEO_DURATION_SECONDS = 4.0;

    /** One request the simulator received, for tests that count calls. */
    public record RecordedRequest(String method, String path, String query, Instant at) {
    }

    private final SimulatorSettings settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final byte[] video;
    private final byte[] urlSigningKey = new byte[32];
    private final Map<String, SimulatedRender> renders = new ConcurrentHashMap<>();
    private final Map<String, String> videoIdsByIdempotencyKey = new ConcurrentHashMap<>();
    private final AtomicInteger rendersStarted = new AtomicInteger();
    private final AtomicInteger videoDownloads = new AtomicInteger();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Javalin server;

    private HeyGenSimulator(SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.video = loadVideo();
        new SecureRandom().nextBytes(urlSigningKey);
        this.server = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.routes.before(this::record);
            config.routes.before("/v3/*", this::requireApiKey);
            config.routes.post("/v3/videos", this::createVideo);
            config.routes.get("/v3/videos/statuses", this::videoStatuses);
            config.routes.get("/v3/videos/{video_id}", this::videoStatus);
            config.routes.get("/sim-files/{file}", this::serveVideoFile);
            config.routes.exception(HeyGenError.class, this::answerError);
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error(LOG_PREFIX + "internal error on {} {}", ctx.method(), ctx.path(), e);
                answerError(new HeyGenError(500, "internal_error", "The simulator failed: " + e.getMessage(), null), ctx);
            });
            config.routes.error(404, ctx -> {
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
        simulator.server.start("127.0.0.1", settings.port());
        LOG.info(LOG_PREFIX + "SIMULATOR listening on {} (this is not the real HeyGen; renders are simulated, {} each)",
                simulator.baseUrl(), settings.renderTime());
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

    /** Renders started, counting each distinct video once however often its creation was retried. */
    public int rendersStarted() {
        return rendersStarted.get();
    }

    /** Complete downloads of rendered video files. */
    public int videoDownloads() {
        return videoDownloads.get();
    }

    public List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    /** Size of the video file every completed render serves. */
    public long videoFileSize() {
        return video.length;
    }

    @Override
    public void close() {
        server.stop();
        LOG.info(LOG_PREFIX + "SIMULATOR stopped");
    }

    private void record(Context ctx) {
        requests.add(new RecordedRequest(ctx.method().name(), ctx.path(), ctx.queryString(), clock.instant()));
    }

    private void requireApiKey(Context ctx) {
        String key = ctx.header("X-Api-Key");
        if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), settings.apiKey().getBytes(StandardCharsets.UTF_8))) {
            throw HeyGenError.unauthorized();
        }
    }

    private void createVideo(Context ctx) {
        JsonNode body = parseBody(ctx);
        String idempotencyKey = ctx.header("Idempotency-Key");
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw HeyGenError.invalidParameter("Idempotency-Key", "Idempotency-Key must be 1-255 characters of [A-Za-z0-9_:.-]");
        }
        validateCreation(body);
        String outputFormat = text(body, "output_format", "mp4");
        if (idempotencyKey != null) {
            String existing = videoIdsByIdempotencyKey.get(idempotencyKey);
            if (existing != null) {
                LOG.info(LOG_PREFIX + "replaying creation of {} for a repeated Idempotency-Key", existing);
                ctx.json(envelope(creationAnswer(existing, outputFormat)));
                return;
            }
        }
        String videoId = UUID.randomUUID().toString().replace("-", "");
        if (idempotencyKey != null) {
            String raced = videoIdsByIdempotencyKey.putIfAbsent(idempotencyKey, videoId);
            if (raced != null) {
                throw new HeyGenError(409, "request_in_progress", "A request with this Idempotency-Key is already being processed", null);
            }
        }
        SimulatedRender render = new SimulatedRender(videoId, text(body, "title", null), text(body, "callback_id", null),
                clock.instant(), settings.renderTime(), idempotencyKey);
        renders.put(videoId, render);
        rendersStarted.incrementAndGet();
        LOG.info(LOG_PREFIX + "render {} started ({} type, simulated {} render)", videoId, body.path("type").asText(), settings.renderTime());
        ctx.json(envelope(creationAnswer(videoId, outputFormat)));
    }

    private static Map<String, Object> creationAnswer(String videoId, String outputFormat) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("video_id", videoId);
        data.put("status", "waiting");
        data.put("output_format", outputFormat);
        return data;
    }

    private void validateCreation(JsonNode body) {
        String type = text(body, "type", null);
        if (type == null) {
            throw HeyGenError.invalidParameter("type", "type is required: 'avatar' or 'studio'");
        }
        switch (type) {
            case "avatar" -> validateAvatarInput(body, "");
            case "studio" -> validateStudio(body);
            default -> throw HeyGenError.invalidParameter("type", "type must be 'avatar' or 'studio', got '" + type + "'");
        }
        oneOf(body, "resolution", RESOLUTIONS, "");
        oneOf(body, "aspect_ratio", ASPECT_RATIOS, "");
        oneOf(body, "output_format", OUTPUT_FORMATS, "");
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
            String sceneType = text(scene, "type", null);
            if (!"avatar_video".equals(sceneType)) {
                throw HeyGenError.invalidParameter(prefix + "type", "the simulator supports scene type 'avatar_video' only");
            }
            JsonNode input = scene.path("input");
            if (!"avatar".equals(text(input, "type", null))) {
                throw HeyGenError.invalidParameter(prefix + "input.type", "input.type must be 'avatar'");
            }
            validateAvatarInput(input, prefix + "input.");
        }
    }

    private void validateAvatarInput(JsonNode node, String prefix) {
        String avatarId = text(node, "avatar_id", null);
        if (avatarId == null) {
            throw HeyGenError.invalidParameter(prefix + "avatar_id", "avatar_id is required");
        }
        if (Catalog.avatar(avatarId).isEmpty()) {
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
            if (Catalog.voice(voiceId).isEmpty()) {
                throw HeyGenError.invalidParameter(prefix + "voice_id", "Voice '" + voiceId + "' not found");
            }
        }
    }

    private void videoStatus(Context ctx) {
        String videoId = ctx.pathParam("video_id");
        SimulatedRender render = renders.get(videoId);
        if (render == null) {
            throw HeyGenError.notFound("Video '" + videoId + "' not found");
        }
        Instant now = clock.instant();
        String status = render.statusAt(now);
        boolean completed = status.equals("completed");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", videoId);
        data.put("status", status);
        data.put("title", render.title());
        data.put("created_at", render.createdAt().getEpochSecond());
        data.put("completed_at", completed ? render.completedAt().getEpochSecond() : null);
        data.put("duration", completed ? VIDEO_DURATION_SECONDS : null);
        data.put("video_url", completed ? signedVideoUrl(videoId, now) : null);
        data.put("captioned_video_url", null);
        data.put("subtitle_url", null);
        data.put("thumbnail_url", null);
        data.put("gif_url", null);
        data.put("video_page_url", completed ? baseUrl() + "/sim-pages/" + videoId : null);
        data.put("folder_id", null);
        data.put("failure_code", null);
        data.put("failure_message", null);
        ctx.json(envelope(data));
    }

    private void videoStatuses(Context ctx) {
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
            SimulatedRender render = renders.get(videoId);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("video_id", videoId);
            if (render == null) {
                entry.put("status", "not_found");
                entry.put("error", Map.of("code", "not_found", "message", "Video not found"));
            } else {
                entry.put("status", render.statusAt(now));
            }
            data.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        answer.put("has_more", false);
        answer.put("next_token", null);
        ctx.json(answer);
    }

    private void serveVideoFile(Context ctx) {
        String file = ctx.pathParam("file");
        String videoId = file.endsWith(".mp4") ? file.substring(0, file.length() - 4) : file;
        String expires = ctx.queryParam("Expires");
        String signature = ctx.queryParam("Signature");
        if (expires == null || signature == null || !MessageDigest.isEqual(
                sign(videoId, expires).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            denyFileAccess(ctx, "Invalid signature");
            return;
        }
        if (clock.instant().getEpochSecond() > parseEpoch(expires)) {
            denyFileAccess(ctx, "Request has expired");
            return;
        }
        SimulatedRender render = renders.get(videoId);
        if (render == null || !render.statusAt(clock.instant()).equals("completed")) {
            denyFileAccess(ctx, "No such object");
            return;
        }
        ctx.contentType("video/mp4");
        ctx.header("Content-Length", Long.toString(video.length));
        ctx.result(video);
        videoDownloads.incrementAndGet();
    }

    /** Answers like a CDN refusing a presigned URL: 403 with an XML body, not HeyGen's JSON envelope. */
    private static void denyFileAccess(Context ctx, String reason) {
        ctx.status(403).contentType("application/xml")
                .result("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>" + reason + "</Message></Error>");
    }

    private String signedVideoUrl(String videoId, Instant now) {
        String expires = Long.toString(now.plus(settings.videoUrlValidity()).getEpochSecond());
        return baseUrl() + "/sim-files/" + videoId + ".mp4?Expires=" + expires + "&Signature=" + sign(videoId, expires);
    }

    private String sign(String videoId, String expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(urlSigningKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((videoId + ":" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long parseEpoch(String expires) {
        try {
            return Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void answerError(HeyGenError error, Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        if (error.param() != null) {
            body.put("param", error.param());
        }
        ctx.status(error.httpStatus()).json(Map.of("error", body));
    }

    private JsonNode parseBody(Context ctx) {
        try {
            JsonNode body = json.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw HeyGenError.invalidParameter("body", "the request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw HeyGenError.invalidParameter("body", "the request body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void oneOf(JsonNode node, String field, Set<String> allowed, String prefix) {
        String value = text(node, field, null);
        if (value != null && !allowed.contains(value)) {
            throw HeyGenError.invalidParameter(prefix + field, field + " must be one of " + allowed + ", got '" + value + "'");
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static Map<String, Object> envelope(Object data) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        return answer;
    }

    private static byte[] loadVideo() {
        try (InputStream in = HeyGenSimulator.class.getResourceAsStream(VIDEO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("simulator video resource " + VIDEO_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
