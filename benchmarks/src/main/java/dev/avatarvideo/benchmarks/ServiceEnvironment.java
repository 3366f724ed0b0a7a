package dev.avatarvideo.benchmarks;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The environment a benchmarked service starts with: its own fresh database and data directory, HeyGen at the simulator. */
final class ServiceEnvironment {

    static final String ADMIN_KEY = "benchmark-operator-key-0123456789abcdef";
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServiceEnvironment() {
    }

    static Map<String, String> of(TestPostgres.Database database, Path dataDir, int port, URI heygen, String heygenKey) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USER", database.user());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("DATA_DIR", dataDir.toString());
        env.put("PORT", Integer.toString(port));
        env.put("HEYGEN_BASE_URL", heygen.toString());
        env.put("HEYGEN_API_KEY", heygenKey);
        env.put("ADMIN_API_KEY", ADMIN_KEY);
        return env;
    }

    /**
     * The first start's key, once the service also answers HTTP: the key file is written before the server starts
     * listening, and on a busy machine the gap is more than a moment.
     */
    static String awaitKey(Path dataDir, URI base, ChildJvm.Running service) {
        Path keyFile = dataDir.resolve("default-api-key");
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(keyFile) && Files.size(keyFile) > 0 && live(base, service)) {
                    return Files.readString(keyFile).strip();
                }
            } catch (IOException e) {
                // Not written yet.
            }
            Api.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the service wrote no API key, or did not answer, within " + START_PATIENCE);
    }

    /** Waits until a further instance (one that writes no key) answers HTTP. */
    static void awaitLive(URI base, ChildJvm.Running service) {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (!live(base, service)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service at " + base + " did not answer within " + START_PATIENCE);
            }
            Api.sleep(Duration.ofMillis(200));
        }
    }

    private static boolean live(URI base, ChildJvm.Running service) {
        if (!service.alive()) {
            throw new IllegalStateException("the service exited during start");
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/health/live")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // Best effort: a temporary directory left behind costs only disk.
                }
            });
        } catch (IOException e) {
            // Best effort, as above.
        }
    }
}
