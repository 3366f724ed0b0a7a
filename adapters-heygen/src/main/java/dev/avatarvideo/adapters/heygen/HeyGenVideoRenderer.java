package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.VideoFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * {@link VideoRenderer} on HeyGen's v3 REST API for one API key. HeyGen's JSON is read here and nowhere else: what
 * leaves this class is in the domain's words (render ids, typed outcomes and statuses, failures with HeyGen's code and
 * message kept). Creations carry an Idempotency-Key derived from our video id and are retried like GETs; nothing that
 * could start a second render is ever repeated without it.
 */
public final class HeyGenVideoRenderer implements VideoRenderer {

    /** HeyGen's documented maximum of ids per {@code /v3/videos/statuses} call. */
    static final int STATUS_BATCH_LIMIT = 100;
    /** HeyGen signs video URLs for 7 days; when a URL does not say when it expires, assume a safe day less. */
    private static final Duration ASSUMED_URL_VALIDITY = Duration.ofDays(6);
    private static final Pattern EXPIRES_PARAM = Pattern.compile("[?&](?:Expires|X-Amz-Expires-At)=(\\d+)");
    /** How long to wait when HeyGen is rate limiting but did not say how long. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final HeyGenApi api;
    private final Clock clock;

    public HeyGenVideoRenderer(HeyGenSettings settings) {
        this(settings, Clock.systemUTC());
    }

    HeyGenVideoRenderer(HeyGenSettings settings, Clock clock) {
        this.api = new HeyGenApi(settings);
        this.clock = clock;
    }

    @Override
    public SubmitOutcome submit(AvatarVideo video) {
        Optional<SubmitOutcome.Invalid> unsupported = HeyGenCreation.unsupported(video);
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        ApiAnswer answer;
        try {
            answer = api.postIdempotent(apiKey(), "/v3/videos", HeyGenCreation.body(api.json(), video), idempotencyKeyFor(video));
        } catch (HeyGenApi.Unreachable e) {
            return new SubmitOutcome.Unavailable(restAfterGivingUp(), e.getMessage());
        }
        if (answer.isSuccess()) {
            String renderId = answer.body().at("/data/video_id").asText("");
            return renderId.isBlank()
                    ? new SubmitOutcome.Unavailable(restAfterGivingUp(), "HeyGen accepted the video but named no video_id")
                    : new SubmitOutcome.Accepted(new RenderId(renderId));
        }
        if (answer.isUnauthorized()) {
            return new SubmitOutcome.KeyRejected(answer.errorMessage());
        }
        if (answer.isRateLimited()) {
            return new SubmitOutcome.RateLimited(answer.retryAfter().orElse(DEFAULT_WAIT));
        }
        if (answer.isTransient()) {
            return new SubmitOutcome.Unavailable(answer.retryAfter().orElse(restAfterGivingUp()), "HeyGen answered " + answer.describe()
                    + " after " + api.settings().retries().maxAttempts() + " attempts at most");
        }
        return switch (answer.errorCode()) {
            case "insufficient_credit" -> new SubmitOutcome.InsufficientCredit(answer.errorMessage());
            case "invalid_parameter", "validation_error" ->
                    new SubmitOutcome.Invalid(answer.errorParam().map(param -> HeyGenCreation.ourField(param, video)), answer.errorMessage());
            // An id the account does not have is the request's fault like any invalid field, whatever HTTP status it came with.
            case "avatar_not_found", "voice_not_found" ->
                    new SubmitOutcome.Invalid(HeyGenCreation.missingIdField(answer.errorCode(), answer.errorParam(), answer.errorMessage(), video),
                            answer.errorMessage());
            default -> new SubmitOutcome.Rejected(new VideoFailure(answer.errorCode(),
                    answer.errorParam().map(param -> param + ": ").orElse("") + answer.errorMessage()));
        };
    }

    @Override
    public RenderStatus status(RenderId renderId) {
        ApiAnswer answer;
        try {
            answer = api.get(apiKey(), "/v3/videos/" + encode(renderId.value()));
        } catch (HeyGenApi.Unreachable e) {
            return new RenderStatus.Unavailable(e.getMessage());
        }
        if (!answer.isSuccess()) {
            return answer.isNotFound() ? new RenderStatus.NotFound() : notAnswered(answer);
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
            // Only video_ids (and batch_ids) are documented for this call: no limit, up to 100 ids.
            String path = "/v3/videos/statuses?video_ids=" + ids + (token == null ? "" : "&token=" + encode(token));
            ApiAnswer answer;
            try {
                answer = api.get(apiKey(), path);
            } catch (HeyGenApi.Unreachable e) {
                RenderStatus unavailable = new RenderStatus.Unavailable(e.getMessage());
                renderIds.forEach(id -> result.putIfAbsent(id, unavailable));
                return result;
            }
            if (!answer.isSuccess()) {
                RenderStatus notAnswered = notAnswered(answer);
                renderIds.forEach(id -> result.putIfAbsent(id, notAnswered));
                return result;
            }
            for (JsonNode entry : answer.body().path("data")) {
                String id = entry.path("video_id").asText("");
                if (!id.isEmpty()) {
                    result.put(new RenderId(id), toStatus(entry.path("status").asText(""), entry));
                }
            }
            String next = answer.body().path("next_token").asText("");
            token = answer.body().path("has_more").asBoolean(false) && !next.isEmpty() && !next.equals(token) ? next : null;
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
        HttpRequest request = HttpRequest.newBuilder(link.url()).timeout(api.settings().downloadTimeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = api.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
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

    /**
     * Derived from our video id and its render attempt, so every repeat of one attempt's creation is the same request to
     * HeyGen, while a retry of a failed video is a new one (the same key would only replay the failed render). The first
     * attempt keeps the key it always had, so renders submitted before retries existed are still recognised.
     */
    static String idempotencyKeyFor(AvatarVideo video) {
        return "avatar-video-" + video.id() + (video.renderAttempt() == 1 ? "" : "-attempt-" + video.renderAttempt());
    }

    /** What the creation of {@code video} sends to HeyGen, as JSON text. */
    String creationBody(AvatarVideo video) {
        return new String(HeyGenCreation.body(api.json(), video), StandardCharsets.UTF_8);
    }

    /** After the retries ran out, wait as long as the longest backoff before the next round tries again. */
    private Duration restAfterGivingUp() {
        return api.settings().retries().maxBackoff();
    }

    private String apiKey() {
        return api.settings().apiKey();
    }

    private static RenderStatus notAnswered(ApiAnswer answer) {
        if (answer.isUnauthorized()) {
            return new RenderStatus.KeyRejected(answer.errorMessage());
        }
        if (answer.isRateLimited()) {
            return new RenderStatus.RateLimited(answer.retryAfter().orElse(DEFAULT_WAIT));
        }
        return new RenderStatus.Unavailable("HeyGen answered " + answer.describe());
    }

    private RenderStatus toStatus(String status, JsonNode data) {
        return switch (status) {
            // The single status says pending (older APIs waiting), the bulk one queued, for a render not yet begun.
            case "pending", "waiting", "queued" -> new RenderStatus.Pending();
            case "processing" -> new RenderStatus.Processing();
            case "completed" -> completed(data);
            case "failed" -> new RenderStatus.Failed(failureOf(data));
            case "not_found" -> new RenderStatus.NotFound();
            default -> new RenderStatus.Unavailable("HeyGen reported an unknown status '" + status + "'");
        };
    }

    /** The single status names {@code failure_code}/{@code failure_message}; the bulk one an {@code error} object. */
    private static VideoFailure failureOf(JsonNode data) {
        String code = firstText(data, "failure_code", "/error/code").orElse("render_failed");
        String message = firstText(data, "failure_message", "/error/message").orElse("HeyGen reported the render as failed without a reason");
        return new VideoFailure(code, message);
    }

    private static Optional<String> firstText(JsonNode data, String field, String pointer) {
        String direct = data.path(field).asText("");
        if (!direct.isBlank()) {
            return Optional.of(direct);
        }
        String nested = data.at(pointer).asText("");
        return nested.isBlank() ? Optional.empty() : Optional.of(nested);
    }

    /**
     * The bulk status call reports states only; the single-video call adds the freshly signed URLs of everything the
     * render made: the clean video, the copy with captions burned in and the SRT when captions were asked for, the
     * poster and the animated preview.
     */
    private RenderStatus completed(JsonNode data) {
        Optional<DownloadLink> video;
        try {
            video = link(data, "video_url");
            if (video.isEmpty()) {
                return new RenderStatus.Completed(Optional.empty());
            }
            return new RenderStatus.Completed(Optional.of(new RenderedFiles(video.get(), link(data, "captioned_video_url"),
                    link(data, "subtitle_url"), link(data, "thumbnail_url"), link(data, "gif_url"))));
        } catch (IllegalArgumentException e) {
            return new RenderStatus.Unavailable("HeyGen answered a file address that is not a URL");
        }
    }

    private Optional<DownloadLink> link(JsonNode data, String field) {
        String url = data.path(field).asText("");
        return url.isBlank() ? Optional.empty() : Optional.of(new DownloadLink(URI.create(url), expiryOf(url)));
    }

    private Instant expiryOf(String url) {
        Matcher matcher = EXPIRES_PARAM.matcher(url);
        if (matcher.find()) {
            return Instant.ofEpochSecond(Long.parseLong(matcher.group(1)));
        }
        return clock.instant().plus(ASSUMED_URL_VALIDITY);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing left to read; the connection is released either way.
        }
    }
}
