package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Calls to a running service as a client would make them, with a key of the caller's choosing. */
final class ApiCalls {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;

    ApiCalls(URI base) {
        this.base = base;
    }

    /** {@code key} null sends no Authorization header; a JSON {@code body} (null for none) goes with its content type. */
    HttpResponse<String> call(String method, String path, String key, String body) {
        return call(method, path, key == null ? Map.of() : Map.of("Authorization", "Bearer " + key), body);
    }

    HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer's JSON, after checking its status. */
    JsonNode expect(int status, String method, String path, String key, String body) {
        HttpResponse<String> response = call(method, path, key, body);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " instead of " + status + ": " + response.body());
        }
        return read(response.body());
    }

    JsonNode read(String body) {
        try {
            return body.isEmpty() ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    URI base() {
        return base;
    }

    static String video(String title) {
        return """
                {"title": "%s", "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Hello from %s."}]}"""
                .formatted(title, title);
    }
}
