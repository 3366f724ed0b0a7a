package dev.avatarvideo.heygen.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP against the simulator, so tests see exactly the JSON and headers it answers. */
final class RawHeyGen {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();

    RawHeyGen(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    RawHeyGen withKey(String otherKey) {
        return new RawHeyGen(baseUrl, otherKey);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<String> post(String pathAndQuery, String body) {
        return post(pathAndQuery, body, null);
    }

    HttpResponse<String> post(String pathAndQuery, String body, String idempotencyKey) {
        HttpRequest.Builder request = request(pathAndQuery).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    HttpResponse<String> patch(String pathAndQuery, String body) {
        return send(request(pathAndQuery).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> delete(String pathAndQuery) {
        return send(request(pathAndQuery).DELETE().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery));
        if (apiKey != null) {
            builder.header("X-Api-Key", apiKey);
        }
        return builder;
    }

    /** Creates a one-scene video and answers its id. */
    String createVideo() {
        return json(post("/v3/videos", Bodies.AVATAR)).at("/data/video_id").asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Request bodies in HeyGen's v3 shape. */
    static final class Bodies {
        static final String AVATAR = """
                {"type": "avatar", "avatar_id": "sim-avatar-anna", "voice_id": "sim-voice-en-1",
                 "script": "Hello there", "title": "Lesson 1", "resolution": "720p", "aspect_ratio": "16:9",
                 "callback_id": "our-video-1"}""";

        private Bodies() {
        }
    }
}
