package dev.avatarvideo.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A client for the avatar video service's HTTP API: request videos, read them, list them, and follow their status
 * live with a {@link StatusTracker}. Thread-safe; share one per service.
 *
 * <pre>{@code
 * AvatarVideoClient client = AvatarVideoClient.builder(URI.create("http://localhost:8080")).build();
 * Video video = client.createVideo(VideoRequest.of("Lesson 1", new Scene("sim-avatar-anna", "sim-voice-en-1", "Welcome!")));
 * }</pre>
 */
public final class AvatarVideoClient {

    private final URI baseUrl;
    private final Optional<String> apiKey;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ObjectMapper json;

    private AvatarVideoClient(Builder builder) {
        this.baseUrl = withoutTrailingSlash(builder.baseUrl);
        this.apiKey = Optional.ofNullable(builder.apiKey);
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.http = builder.http != null ? builder.http : newHttpClient(builder.connectTimeout);
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Newer services may add fields; an older client ignores them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** @param baseUrl where the service answers, such as {@code http://localhost:8080} */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** Requests a video; the answer comes at once, with the video QUEUED. */
    public Video createVideo(VideoRequest request) {
        Objects.requireNonNull(request, "request");
        HttpRequest post = request("/api/videos")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(request)))
                .build();
        return read(send(post, 202), Video.class);
    }

    /** One video. @throws ApiException with status 404 when the service has no such video for this caller */
    public Video getVideo(String videoId) {
        Objects.requireNonNull(videoId, "videoId");
        return read(send(request("/api/videos/" + encode(videoId)).GET().build(), 200), Video.class);
    }

    /** A page of videos, newest first: at most {@code limit} (1–100), after {@code cursor} when not null. */
    public VideoPage listVideos(int limit, String cursor) {
        String query = "?limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor));
        return read(send(request("/api/videos" + query).GET().build(), 200), VideoPage.class);
    }

    /** A tracker with the default settings for {@code mode}. Close it when done. */
    public StatusTracker statusTracker(TrackingMode mode) {
        return statusTracker(TrackerSettings.defaults(mode));
    }

    public StatusTracker statusTracker(TrackerSettings settings) {
        return new StatusTracker(this, settings);
    }

    URI baseUrl() {
        return baseUrl;
    }

    Optional<String> apiKey() {
        return apiKey;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    ObjectMapper json() {
        return json;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                .header("Accept", "application/json");
        apiKey.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder;
    }

    static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    private byte[] send(HttpRequest request, int expectedStatus) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TransportException("could not reach " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while calling " + request.uri(), e);
        }
        if (response.statusCode() != expectedStatus) {
            throw problem(response.statusCode(), response.body());
        }
        return response.body();
    }

    ApiException problem(int status, byte[] body) {
        try {
            JsonNode problem = json.readTree(body);
            return new ApiException(status, text(problem, "type"), text(problem, "detail"), text(problem, "field"));
        } catch (IOException | RuntimeException e) {
            return new ApiException(status, null, null, null);
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new TransportException("the service's answer is not the JSON expected: " + e.getMessage(), e);
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not write the request as JSON", e);
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** How to reach the service. */
    public static final class Builder {

        private final URI baseUrl;
        private String apiKey;
        private HttpClient http;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);

        private Builder(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, got " + baseUrl);
            }
            this.baseUrl = baseUrl;
        }

        /** A service API key, sent as {@code Authorization: Bearer <key>} on every request. */
        public Builder apiKey(String key) {
            this.apiKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The client for plain requests; live status streams always get one of their own, so they never wait for it. */
        public Builder httpClient(HttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public AvatarVideoClient build() {
            return new AvatarVideoClient(this);
        }
    }
}
