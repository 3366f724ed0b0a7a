package dev.avatarvideo.benchmarks;

import dev.avatarvideo.testsupport.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The environment a benchmarked service starts with: its own fresh database and data directory, HeyGen at the simulator. */
final class ServiceEnvironment {

    static final String ADMIN_KEY = "benchmark-operator-key-0123456789abcdef";

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
