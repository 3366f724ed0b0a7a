package dev.avatarvideo.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.bootstrap.AvatarVideoService;
import dev.avatarvideo.bootstrap.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real service as a person starts it with nothing configured (embedded PostgreSQL, filesystem storage, the
 * in-process HeyGen simulator), with a short simulated render; started once for every client test in this JVM and
 * stopped after the last. A test method asks for it as a parameter under {@code @ExtendWith(RunningService.Resolver.class)}.
 */
final class RunningService implements AutoCloseable {

    private final Path dataDir;
    private final AvatarVideoService service;
    private final String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private RunningService(Path dataDir, AvatarVideoService service, String apiKey) {
        this.dataDir = dataDir;
        this.service = service;
        this.apiKey = apiKey;
    }

    private static RunningService start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("clients-service-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            AvatarVideoService service = AvatarVideoService.start(Configuration.fromEnvironment(Map.of(
                    "DATA_DIR", dataDir.toString(),
                    "PORT", "0",
                    "SIMULATOR_RENDER_MS", "300",
                    "HEYGEN_POLL_INTERVAL_MS", "200")));
            // The key a first start writes, read the way the README tells a person to.
            String apiKey = Files.readString(dataDir.resolve("default-api-key"), StandardCharsets.US_ASCII).strip();
            return new RunningService(dataDir, service, apiKey);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(dataDir, e);
            throw new IllegalStateException("could not start the service for the client tests", e);
        }
    }

    private static void deleteRecursively(Path dir, Exception cause) {
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    URI baseUrl() {
        return service.baseUrl();
    }

    String apiKey() {
        return apiKey;
    }

    /** The video as the service itself tells it over HTTP, to check what a client reported. */
    JsonNode video(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUrl().resolve("/api/videos/" + id))
                .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/videos/" + id + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** The environment a client program reads: where the service is and the key to call it with. */
    Map<String, String> clientEnvironment() {
        return Map.of("AVATAR_VIDEO_URL", baseUrl().toString().replaceAll("/$", ""), "AVATAR_VIDEO_API_KEY", apiKey);
    }

    @Override
    public void close() throws IOException {
        service.close();
        deleteRecursively(dataDir);
    }

    /** Hands the one running service to the test methods that ask for it. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningService.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(RunningService.class, key -> start(), RunningService.class);
        }
    }
}
