package dev.avatarvideo.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.testsupport.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * What the render-tracking acceptance tests share: the settings that make the service track fast against a simulator
 * whose renders take a second or two, and HTTP and SQL looks at what it did.
 */
final class TrackingFixture {

    static final Duration PATIENCE = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    final TestPostgres.Database database = TestPostgres.freshDatabase();
    final Jdbi sql = Jdbi.create(database.dataSource());

    /** The operator's key every service of these tests has, to read {@code /admin/status}. */
    static final String ADMIN_KEY = "tracking-fixture-admin-key-0123456789";
    /** Where the first service on this database wrote its tenant's key. */
    private final List<Path> dataDirs = new ArrayList<>();

    /** The service on this test's database, tracking quickly, with HeyGen at {@code heygen} and {@code extra} on top. */
    Map<String, String> environment(Path dataDir, int port, URI heygen, String apiKey, Map<String, String> extra) {
        dataDirs.add(dataDir);
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", database.jdbcUrl(),
                "DATABASE_USER", database.user(),
                "DATABASE_PASSWORD", database.password(),
                "DATA_DIR", dataDir.toString(),
                "PORT", Integer.toString(port),
                "HEYGEN_BASE_URL", heygen.toString(),
                "HEYGEN_API_KEY", apiKey,
                "HEYGEN_POLL_INTERVAL_MS", "300",
                "HEYGEN_POLL_MAX_INTERVAL_MS", "1500",
                "ADMIN_API_KEY", ADMIN_KEY));
        env.putAll(extra);
        return env;
    }

    List<String> requestVideos(URI base, int count, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode created = send(HttpRequest.newBuilder(base.resolve("/api/videos")).header("Authorization", bearer()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"title": "%s %d", "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Part %d."}]}"""
                            .formatted(prefix, i, i))).build(), 202);
            ids.add(created.get("id").asText());
        }
        return ids;
    }

    /** The tenant's key, as the first service on this database wrote it. */
    String bearer() {
        return ApiKeyFiles.bearer(dataDirs.toArray(Path[]::new));
    }

    JsonNode video(URI base, String id) {
        return send(HttpRequest.newBuilder(base.resolve("/api/videos/" + id)).header("Authorization", bearer()).build(), 200);
    }

    JsonNode status(URI base) {
        return send(HttpRequest.newBuilder(base.resolve("/admin/status")).header("Authorization", "Bearer " + ADMIN_KEY).build(), 200);
    }

    /** Statuses of the videos by id, read from the database (cheaper than a hundred GETs per look). */
    Map<String, String> statuses(List<String> ids) {
        Map<String, String> statuses = new HashMap<>();
        sql.useHandle(handle -> handle.createQuery("SELECT id::text, status FROM avatar_videos").map((rs, ctx) -> Map.entry(rs.getString(1),
                rs.getString(2))).list().forEach(entry -> {
                    if (ids.contains(entry.getKey())) {
                        statuses.put(entry.getKey(), entry.getValue());
                    }
                }));
        return statuses;
    }

    long countIn(List<String> ids, String status) {
        return statuses(ids).values().stream().filter(status::equals).count();
    }

    long count(String query) {
        return sql.withHandle(handle -> handle.createQuery(query).mapTo(Long.class).one());
    }

    JsonNode send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(URI uri, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
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

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + PATIENCE + " waiting for: " + what);
    }

    /** Objects the filesystem provider under {@code dataDir} holds. */
    static long storedObjects(Path dataDir) {
        Path files = dataDir.resolve("files");
        return Files.exists(files) ? FileSystemSaveTopicFaultInjectionTest.objectsUnder(files).size() : 0;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
