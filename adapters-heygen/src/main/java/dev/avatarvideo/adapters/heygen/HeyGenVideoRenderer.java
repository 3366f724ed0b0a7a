package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avatarvideo.application.port.out.VideoRenderer;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.VideoFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VideoRenderer} on HeyGen's v3 REST API. HeyGen's JSON is read here and nowhere else: what leaves this class
 * is in the domain's words (render ids, typed statuses, failures with HeyGen's code and message kept).
 */
public final class HeyGenVideoRenderer implements VideoRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenVideoRenderer.class);

    /** HeyGen's documented maximum of ids per {@code /v3/videos/statuses} call. */
    static final int STATUS_BATCH_LIMIT = 100;
    /** HeyGen signs video URLs for 7 days; when a URL does not say when it expires, assume a safe day less. */
    private static final Duration ASSUMED_URL_VALIDITY = Duration.ofDays(6);
    private static final Pattern EXPIRES_PARAM = Pattern.compile("[?&](?:Expires|X-Amz-Expires-At)=(\\d+)");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    private final HeyGenSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public HeyGenVideoRenderer(HeyGenSettings settings) {
        this(settings, Clock.systemUTC());
    }

    HeyGenVideoRenderer(HeyGenSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public SubmitOutcome submit(AvatarVideo video) {
        String idempotencyKey = idempotencyKeyFor(video);
        HttpRequest request = apiRequest("/v3/videos")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(creationBody(video)))
                .build();
        ApiAnswer answer;
        try {
            answer = send(request);
        } catch (HttpTimeoutException e) {
            return new SubmitOutcome.RetryLater(DEFAULT_RETRY_AFTER, "HeyGen did not answer within " + settings.requestTimeout());
        } catch (IOException e) {
            return new SubmitOutcome.RetryLater(DEFAULT_RETRY_AFTER, "HeyGen unreachable: " + e.getMessage());
        }
        if (answer.isSuccess()) {
            String renderId = answer.body().at("/data/video_id").asText(null);
            if (renderId == null || renderId.isBlank()) {
                return new SubmitOutcome.RetryLater(DEFAULT_RETRY_AFTER, "HeyGen answered without a video_id");
            }
            return new SubmitOutcome.Accepted(new RenderId(renderId));
        }
        return switch (answer.errorCode()) {
            case "rate_limit_exceeded", "request_in_progress", "conflict" ->
                    new SubmitOutcome.RetryLater(answer.retryAfter(), "HeyGen answered " + answer.status() + " " + answer.errorCode());
            default -> answer.status() >= 500 || answer.status() == 408
                    ? new SubmitOutcome.RetryLater(answer.retryAfter(), "HeyGen answered " + answer.status() + " " + answer.errorCode())
                    : new SubmitOutcome.Rejected(answer.failure());
        };
    }

    @Override
    public RenderStatus status(RenderId renderId) {
        HttpRequest request = apiRequest("/v3/videos/" + encode(renderId.value())).GET().build();
        ApiAnswer answer;
        try {
            answer = send(request);
        } catch (IOException e) {
            return new RenderStatus.Unavailable("HeyGen unreachable: " + e.getMessage());
        }
        if (answer.status() == 404 || "not_found".equals(answer.errorCode())) {
            return new RenderStatus.NotFound();
        }
        if (!answer.isSuccess()) {
            return new RenderStatus.Unavailable("HeyGen answered " + answer.status() + " " + answer.errorCode());
        }
        JsonNode data = answer.body().path("data");
        return toStatus(data.path("status").asText(""), data);
    }

    @Override
    public Map<RenderId, RenderStatus> statuses(List<RenderId> renderIds) {
        if (renderIds.size() > STATUS_BATCH_LIMIT) {
            throw new IllegalArgumentException("at most " + STATUS_BATCH_LIMIT + " ids per call, got " + renderIds.size());
        }
        Map<RenderId, RenderStatus> result = new LinkedHashMap<>();
        if (renderIds.isEmpty()) {
            return result;
        }
        String ids = renderIds.stream().map(RenderId::value).map(HeyGenVideoRenderer::encode).collect(Collectors.joining(","));
        String token = null;
        do {
            String path = "/v3/videos/statuses?limit=" + STATUS_BATCH_LIMIT + "&video_ids=" + ids + (token == null ? "" : "&token=" + encode(token));
            ApiAnswer answer;
            try {
                answer = send(apiRequest(path).GET().build());
            } catch (IOException e) {
                renderIds.forEach(id -> result.putIfAbsent(id, new RenderStatus.Unavailable("HeyGen unreachable: " + e.getMessage())));
                return result;
            }
            if (!answer.isSuccess()) {
                RenderStatus unavailable = new RenderStatus.Unavailable("HeyGen answered " + answer.status() + " " + answer.errorCode());
                renderIds.forEach(id -> result.putIfAbsent(id, unavailable));
                return result;
            }
            for (JsonNode entry : answer.body().path("data")) {
                String id = entry.path("video_id").asText("");
                if (id.isEmpty()) {
                    continue;
                }
                String errorCode = entry.path("error").path("code").asText("");
                String status = entry.path("status").asText("");
                result.put(new RenderId(id), "not_found".equals(errorCode) ? new RenderStatus.NotFound() : toStatus(status, entry));
            }
            token = answer.body().path("has_more").asBoolean(false) ? answer.body().path("next_token").asText(null) : null;
        } while (token != null);
        return result;
    }

    @Override
    public int statusBatchLimit() {
        return STATUS_BATCH_LIMIT;
    }

    @Override
    public RenderedVideo download(DownloadLink link) {
        // A presigned CDN address: it carries its own authorisation, and our API key must never travel to another host.
        HttpRequest request = HttpRequest.newBuilder(link.url()).timeout(settings.downloadTimeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DownloadFailedException("could not download the rendered video: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadFailedException("interrupted while downloading the rendered video", e);
        }
        if (response.statusCode() != 200) {
            closeQuietly(response.body());
            throw new DownloadFailedException("downloading the rendered video answered HTTP " + response.statusCode()
                    + (response.statusCode() == 403 ? " (the signed URL has probably expired)" : ""));
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        String contentType = response.headers().firstValue("Content-Type").orElse("video/mp4");
        return new RenderedVideo(response.body(), length, contentType);
    }

    /** Derived from our video id, so every retry of one video's creation is the same request to HeyGen. */
    static String idempotencyKeyFor(AvatarVideo video) {
        return "avatar-video-" + video.id();
    }

    String creationBody(AvatarVideo video) {
        ObjectNode body = json.createObjectNode();
        List<Scene> scenes = video.scenes();
        if (scenes.size() == 1) {
            body.put("type", "avatar");
            Scene scene = scenes.getFirst();
            body.put("avatar_id", scene.avatarId());
            body.put("voice_id", scene.voiceId());
            body.put("script", scene.script());
        } else {
            body.put("type", "studio");
            ArrayNode sceneNodes = body.putArray("scenes");
            for (Scene scene : scenes) {
                ObjectNode input = sceneNodes.addObject().put("type", "avatar_video").putObject("input");
                input.put("type", "avatar");
                input.put("avatar_id", scene.avatarId());
                input.put("voice_id", scene.voiceId());
                input.put("script", scene.script());
            }
        }
        if (video.title() != null) {
            body.put("title", video.title());
        }
        body.put("resolution", video.resolution().label());
        body.put("aspect_ratio", video.aspectRatio().label());
        body.put("callback_id", video.id().toString());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a HeyGen request body", e);
        }
    }

    private RenderStatus toStatus(String status, JsonNode data) {
        return switch (status) {
            case "pending", "waiting" -> new RenderStatus.Pending();
            case "processing" -> new RenderStatus.Processing();
            case "completed" -> completed(data);
            case "failed" -> new RenderStatus.Failed(new VideoFailure(
                    textOr(data, "failure_code", "render_failed"),
                    textOr(data, "failure_message", "HeyGen reported the render as failed without a reason")));
            case "not_found" -> new RenderStatus.NotFound();
            default -> new RenderStatus.Unavailable("HeyGen reported an unknown status '" + status + "'");
        };
    }

    /** The bulk status call reports states only; the single-video call adds the freshly signed URL. */
    private RenderStatus completed(JsonNode data) {
        String url = data.path("video_url").asText(null);
        if (url == null || url.isBlank()) {
            return new RenderStatus.Completed(Optional.empty());
        }
        return new RenderStatus.Completed(Optional.of(new DownloadLink(URI.create(url), expiryOf(url))));
    }

    private Instant expiryOf(String url) {
        Matcher matcher = EXPIRES_PARAM.matcher(url);
        if (matcher.find()) {
            return Instant.ofEpochSecond(Long.parseLong(matcher.group(1)));
        }
        return clock.instant().plus(ASSUMED_URL_VALIDITY);
    }

    private HttpRequest.Builder apiRequest(String pathAndQuery) {
        return HttpRequest.newBuilder(settings.baseUrl().resolve(pathAndQuery))
                .timeout(settings.requestTimeout())
                .header("X-Api-Key", settings.apiKey())
                .header("Accept", "application/json");
    }

    private ApiAnswer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = parse(response.body());
            LOG.debug("HeyGen {} {} -> {}", request.method(), request.uri().getPath(), response.statusCode());
            Duration retryAfter = response.headers().firstValue("Retry-After").map(HeyGenVideoRenderer::parseRetryAfter).orElse(DEFAULT_RETRY_AFTER);
            return new ApiAnswer(response.statusCode(), body, retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling HeyGen", e);
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Duration parseRetryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = node.path(field).asText(null);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing left to read; the connection is released either way.
        }
    }

    /**
     * One HeyGen answer. Success means a 2xx status AND no error object: HeyGen has been seen to answer errors with
     * HTTP 200, and reading such a body as success is exactly the bug earlier integrations shipped.
     */
    private record ApiAnswer(int status, JsonNode body, Duration retryAfter) {

        boolean isSuccess() {
            return status / 100 == 2 && !hasError();
        }

        boolean hasError() {
            JsonNode error = body.get("error");
            return error != null && !error.isNull() && !(error.isTextual() && error.asText().isEmpty());
        }

        String errorCode() {
            JsonNode error = body.path("error");
            String code = error.isTextual() ? "error" : error.path("code").asText("");
            if (!code.isEmpty()) {
                return code;
            }
            return switch (status) {
                case 401 -> "unauthorized";
                case 402 -> "insufficient_credit";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 429 -> "rate_limit_exceeded";
                default -> status >= 500 ? "server_error" : "http_" + status;
            };
        }

        VideoFailure failure() {
            JsonNode error = body.path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            String param = error.path("param").asText("");
            if (message.isBlank()) {
                message = "HeyGen refused the request with HTTP " + status;
            }
            if (status == 401) {
                message = "HeyGen refused the API key (" + message + "); check HEYGEN_API_KEY";
            }
            return new VideoFailure(errorCode(), param.isEmpty() ? message : param + ": " + message);
        }
    }
}
