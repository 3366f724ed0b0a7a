package dev.avatarvideo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The service's HTTP API as the platform calls it: JSON with a service API key. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI baseUrl;
    private final String apiKey;

    Api(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** The most characters a scene's script may have. */
    static final int MAX_SCRIPT = 5_000;

    /**
     * A one-scene video request whose script has about this many characters (render time follows it in the simulator),
     * never more than a scene may have.
     */
    static String videoRequest(String title, int scriptCharacters) {
        int length = Math.min(scriptCharacters, MAX_SCRIPT) - 1;
        StringBuilder script = new StringBuilder(length);
        String words = "Welcome to this lesson about avatar videos. ";
        while (script.length() < length) {
            script.append(words, 0, Math.min(words.length(), length - script.length()));
        }
        return "{\"title\": \"" + title + "\", \"scenes\": [{\"avatarId\": \"sim-avatar-anna\", \"voiceId\": \"sim-voice-en-1\", \"script\": \""
                + script.toString().strip() + ".\"}]}";
    }

    /** Requests a video and answers its id. */
    String createVideo(String body) {
        HttpResponse<String> response = send(request("/api/videos").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/videos answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).get("id").asText();
    }

    JsonNode video(String id) {
        HttpResponse<String> response = send(request("/api/videos/" + id).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/videos/" + id + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** Waits until the video is READY or FAILED, and answers it. */
    JsonNode awaitFinished(String id, Duration patience, Duration pause) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            JsonNode video = video(id);
            String status = video.get("status").asText();
            if (status.equals("READY") || status.equals("FAILED")) {
                return video;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("video " + id + " still " + status + " after " + patience);
            }
            sleep(pause);
        }
    }

    /** {@code GET /admin/status}: needs an Api made with the operator's key. */
    JsonNode processingStatus() {
        HttpResponse<String> response = send(request("/admin/status").GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /admin/status answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    String metrics() {
        return send(HttpRequest.newBuilder(baseUrl.resolve("/metrics")).GET().build()).body();
    }

    /** The value of one Prometheus sample line (its name with labels, exactly as printed), or 0 when absent. */
    static double sample(String metrics, String nameWithLabels) {
        return metrics.lines().filter(l -> l.startsWith(nameWithLabels + " ")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + apiKey);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
