package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default setup (embedded PostgreSQL, files on disk) killed with {@code kill -9} in the middle of copying a large
 * video that HeyGen sends slowly. Its PostgreSQL outlives it; the next start must stop that server by itself, finish the
 * copy, and the sweeper must remove the half-written file of the interrupted one: in the end DATA_DIR holds the stored
 * video and the service's own files, nothing else. The service runs as its own JVM, as {@code main} starts it; the
 * simulator runs in the test's JVM, so it outlives the kill.
 */
class EmbeddedDatabaseKilledDuringIngestTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseKilledDuringIngestTest.class);
    private static final long VIDEO_BYTES = 40L * 1024 * 1024;
    /** About eight seconds for the whole file: the kill surely lands in the middle of the copy. */
    private static final long BYTES_PER_SECOND = 5L * 1024 * 1024;
    /** Longer than a whole copy takes here, so the restarted copy is never taken for abandoned. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults()
            .withRenderTime(Duration.ofSeconds(1)).withVideoSize(VIDEO_BYTES).withDownloadRate(BYTES_PER_SECOND));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> services = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process service : services) {
            service.destroyForcibly();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        // A failed test must not leave a PostgreSQL running on the machine.
        EmbeddedDatabase.serverOf(postgresDirectory()).ifPresent(ProcessHandle::destroy);
        simulator.close();
    }

    @Test
    void afterAKillDuringACopyTheNextStartComesUpAloneFinishesTheVideoAndLeavesNothingElseBehind() throws Exception {
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        Map<String, String> env = environment(port);

        Process first = start(env, "first");
        awaitAnswering(base, first, "first");
        String id = requestVideo(base);
        await("a part of the copy on disk", first, () -> halfWrittenFiles().stream().anyMatch(f -> f.toFile().length() > 4 * 1024 * 1024));
        ProcessHandle database = EmbeddedDatabase.serverOf(postgresDirectory()).orElseThrow();

        first.destroyForcibly();
        assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        List<Path> leftBehind = halfWrittenFiles();
        LOG.info("killed the service (pid {}) during the copy; PostgreSQL (pid {}) alive: {}; left behind: {}", first.pid(), database.pid(),
                database.isAlive(), leftBehind);
        assertThat(database.isAlive()).as("the embedded PostgreSQL outlived the service: the case this test is about").isTrue();
        assertThat(leftBehind).as("the interrupted copy's half-written file").hasSize(1);

        Process second = start(env, "second");
        awaitAnswering(base, second, "second");
        assertThat(database.isAlive()).as("the left-over server was stopped").isFalse();
        assertThat(Files.readString(log("second"))).contains("stopping the embedded PostgreSQL (pid " + database.pid() + ") left running on");

        JsonNode ready = awaitReady(base, id, second);
        Path stored = dataDir.resolve("files").resolve(shardedPath(ready.at("/file/storagePath").asText()));
        assertThat(ready.at("/file/fileSize").asLong()).isEqualTo(VIDEO_BYTES);
        assertThat(sha256(Files.newInputStream(stored))).as("the stored file").isEqualTo(ready.at("/file/checksum").asText())
                .as("the source, as HeyGen serves it").isEqualTo(sourceChecksum());

        // The lesson keeps the render's poster and preview beside the video (no captions were asked for).
        Set<String> allowed = new java.util.HashSet<>(Set.of(DataDirectoryLock.FILE_NAME, "master.key", "file-url-signing.key", ApiKeyFiles.FILE));
        for (String part : List.of("/file/storagePath", "/poster/storagePath", "/preview/storagePath")) {
            String file = dataDir.relativize(dataDir.resolve("files").resolve(shardedPath(ready.at(part).asText()))).toString();
            allowed.addAll(List.of(file, file + ".meta"));
        }
        await("the sweeper removed the interrupted copy's file after its grace period", second, () -> filesOutsideTheDatabase().equals(allowed));
        assertThat(Files.readString(log("second"))).contains("swept " + ready.at("/file/storagePath").asText().split("/")[0] + "/");

        second.destroy();
        assertThat(second.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readAllLines(log("second")).getLast()).endsWith("avatar-video-service stopped");
        assertThat(EmbeddedDatabase.serverOf(postgresDirectory())).as("a clean stop stops PostgreSQL too").isEmpty();
    }

    /** The default setup but for HeyGen, which is the test's simulator; quick leases, a short grace, frequent sweeps. */
    private Map<String, String> environment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("PORT", Integer.toString(port));
        env.put("HEYGEN_BASE_URL", simulator.baseUrl().toString());
        env.put("HEYGEN_API_KEY", simulator.apiKey());
        env.put("HEYGEN_POLL_INTERVAL_MS", "300");
        env.put("HEYGEN_POLL_MAX_INTERVAL_MS", "1500");
        env.put("WORK_LEASE_MS", "3000");
        env.put("SWEEPER_INTERVAL_MS", "500");
        env.put("SWEEPER_GRACE_PERIOD_MS", Long.toString(GRACE.toMillis()));
        return env;
    }

    private String requestVideo(URI base) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/videos")).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"title": "Large lesson", "scenes": [{"avatarId": "sim-avatar-anna", "voiceId": "sim-voice-en-1", "script": "Hello."}]}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json.readTree(created.body()).get("id").asText();
    }

    private JsonNode awaitReady(URI base, String id, Process service) throws Exception {
        JsonNode[] video = new JsonNode[1];
        await("video " + id + " READY", service, () -> {
            try {
                video[0] = json.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/videos/" + id)).header("Authorization",
                        ApiKeyFiles.bearer(dataDir)).build(), HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            assertThat(video[0].path("status").asText()).as(video[0].toString()).isNotEqualTo("FAILED");
            return "READY".equals(video[0].path("status").asText());
        });
        return video[0];
    }

    /** The file as the simulator serves it to anyone who asks, fetched the way HeyGen hands it out. */
    private String sourceChecksum() throws Exception {
        String renderId = simulator.requests().stream().filter(r -> r.method().equals("GET") && r.path().matches("/v3/videos/[^/]+")
                && !r.path().endsWith("/statuses")).map(r -> r.path().substring("/v3/videos/".length())).findFirst().orElseThrow();
        JsonNode render = json.readTree(http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v3/videos/" + renderId))
                .header("X-Api-Key", simulator.apiKey()).build(), HttpResponse.BodyHandlers.ofString()).body());
        URI videoUrl = URI.create(render.at("/data/video_url").asText());
        return sha256(http.send(HttpRequest.newBuilder(videoUrl).build(), HttpResponse.BodyHandlers.ofInputStream()).body());
    }

    private static Path shardedPath(String storagePath) {
        String tenant = storagePath.substring(0, storagePath.indexOf('/'));
        String name = storagePath.substring(tenant.length() + 1);
        return Path.of(tenant, name.substring(0, 2), name.substring(2, 4), name);
    }

    private List<Path> halfWrittenFiles() {
        Path incoming = dataDir.resolve("files").resolve(".incoming");
        if (!Files.isDirectory(incoming)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every regular file under DATA_DIR but the database's own, relative to DATA_DIR. */
    private Set<String> filesOutsideTheDatabase() {
        try (Stream<Path> tree = Files.walk(dataDir)) {
            return tree.filter(Files::isRegularFile).filter(f -> !f.startsWith(postgresDirectory()))
                    .map(f -> dataDir.relativize(f).toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of("(unreadable: " + e.getMessage() + ")");
        }
    }

    private Path postgresDirectory() {
        return dataDir.resolve("postgres");
    }

    private static String sha256(InputStream content) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(content, digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private void awaitAnswering(URI base, Process service, String name) throws Exception {
        await("the " + name + " service answers /health/live", service, () -> MainProcess.answersLive(http, base));
    }

    private void await(String what, Process service, BooleanSupplier condition) throws Exception {
        MainProcess.awaitWhileAlive(what, service, PATIENCE, condition, () -> tailOf(service), () -> "files: " + filesOutsideTheDatabase());
    }

    private String tailOf(Process service) {
        return Stream.of("second", "first").map(this::log).filter(Files::exists).findFirst().map(MainProcess::lastLines)
                .orElse("(no log of pid " + service.pid() + ")");
    }

    private Process start(Map<String, String> env, String name) throws IOException {
        Process process = MainProcess.start(env, log(name));
        services.add(process);
        LOG.info("started the service as process {} ({}); output in {}", process.pid(), name, log(name));
        return process;
    }

    private Path log(String name) {
        return logs.resolve(name + ".log");
    }
}
