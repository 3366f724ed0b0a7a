package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown, as an operator triggers it: the service runs as its own JVM the way {@code main} starts it, and gets
 * SIGTERM while it copies a large video that HeyGen sends slowly. It stops answering HTTP at once, lets the copy finish,
 * and only then exits: the video is READY with its whole file, nothing is left half-written or unclaimed.
 */
class GracefulShutdownTest {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdownTest.class);
    private static final long VIDEO_BYTES = 40L * 1024 * 1024;
    /** About eight seconds for the whole file: long enough that the stop surely lands in the middle of the copy. */
    private static final long BYTES_PER_SECOND = 5L * 1024 * 1024;

    @TempDir
    Path dataDir;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults()
            .withRenderTime(Duration.ofSeconds(1)).withVideoSize(VIDEO_BYTES).withDownloadRate(BYTES_PER_SECOND));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        simulator.close();
    }

    @Test
    void sigtermDuringAnIngestStopsHttpAtOnceAndExitsOnlyAfterTheVideoIsStored() throws Exception {
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        service = start(fixture.environment(dataDir, port, simulator.baseUrl(), simulator.apiKey(), Map.of("SHUTDOWN_TIMEOUT_MS", "120000")));
        String id = requestOneVideoAndStopDuringItsCopy(base);
        boolean copyingWhenHttpStopped = service.isAlive() && "INGESTING".equals(fixture.statuses(List.of(id)).get(id));
        assertThat(service.waitFor(3, TimeUnit.MINUTES)).as("the service exits after the copy").isTrue();

        assertThat(copyingWhenHttpStopped).as("HTTP stopped while the copy was still under way").isTrue();
        assertStoredWholeAfterAGracefulExit(id, fixture.sql);
    }

    /**
     * The zero-configuration start, as the README's first command runs it: the embedded PostgreSQL must outlive the copy.
     * It once stopped by its own shutdown hook the moment SIGTERM arrived, in the middle of the service's.
     */
    @Test
    void withTheEmbeddedDatabaseSigtermDuringAnIngestStillEndsWithTheVideoStored() throws Exception {
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        Map<String, String> env = new java.util.HashMap<>(fixture.environment(dataDir, port, simulator.baseUrl(), simulator.apiKey(),
                Map.of("SHUTDOWN_TIMEOUT_MS", "120000")));
        env.keySet().removeAll(List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD"));
        service = start(env);
        String id = requestOneVideoAndStopDuringItsCopy(base);
        boolean workingWhenHttpStopped = service.isAlive();
        assertThat(service.waitFor(3, TimeUnit.MINUTES)).as("the service exits after the copy").isTrue();

        assertThat(workingWhenHttpStopped).as("HTTP stopped while the copy was still under way").isTrue();
        assertThat(Files.readString(log())).as("the database stayed up until the work was done")
                .doesNotContain("terminating connection due to administrator command").doesNotContain("57P01");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"), true)) {
            var settings = database.settings(2);
            assertStoredWholeAfterAGracefulExit(id, Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password()));
        }
    }

    private String requestOneVideoAndStopDuringItsCopy(URI base) throws Exception {
        awaitAnswering(base);
        String id = fixture.requestVideos(base, 1, "Large lesson").getFirst();
        TrackingFixture.await("the service to begin copying the video", () -> simulator.downloadsStarted() >= 1);

        service.destroy();
        LOG.info("sent SIGTERM to the service (process {}) while it copies video {}", service.pid(), id);
        TrackingFixture.await("the service to stop answering HTTP", () -> !answers(base));
        return id;
    }

    private void assertStoredWholeAfterAGracefulExit(String id, Jdbi sql) throws Exception {
        assertThat(service.exitValue()).as("ended by SIGTERM, not killed").isEqualTo(143);
        assertThat(simulator.downloadsStarted()).as("one copy, not begun again after a restart").isEqualTo(1);
        String status = sql.withHandle(h -> h.createQuery("SELECT status FROM avatar_videos WHERE id = CAST(:id AS uuid)")
                .bind("id", id).mapTo(String.class).one());
        long fileSize = sql.withHandle(h -> h.createQuery(
                "SELECT file_size FROM stored_files f JOIN avatar_videos v ON v.file_path = f.storage_path WHERE v.id = CAST(:id AS uuid)")
                .bind("id", id).mapTo(Long.class).one());
        long unclaimed = sql.withHandle(h -> h.createQuery("SELECT count(*) FROM unclaimed_objects").mapTo(Long.class).one());
        assertThat(status).isEqualTo("READY");
        assertThat(fileSize).isEqualTo(VIDEO_BYTES);
        assertThat(unclaimed).as("no upload left unrecorded").isZero();
        Path stored = storedFile();
        assertThat(Files.size(stored)).isEqualTo(VIDEO_BYTES);
        String checksum = sql.withHandle(handle -> handle.createQuery(
                "SELECT f.checksum FROM stored_files f JOIN avatar_videos v ON v.file_path = f.storage_path").mapTo(String.class).one());
        assertThat(checksum).isEqualTo(sha256(stored));
        String log = Files.readString(log());
        assertThat(log).contains("stopping background work").doesNotContain("interrupting it");
    }

    /** The one video file under the filesystem provider's directory, without its metadata. */
    private Path storedFile() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("files"))) {
            List<Path> videos = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".mp4")).toList();
            assertThat(videos).hasSize(1);
            return videos.getFirst();
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private boolean answers(URI base) {
        try {
            http.send(HttpRequest.newBuilder(base.resolve("/health/live")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitAnswering(URI base) {
        TrackingFixture.await("the service answers /health/live", () -> {
            if (!service.isAlive()) {
                throw new AssertionError("the service died while starting; see " + log());
            }
            return answers(base);
        });
    }

    private Process start(Map<String, String> env) throws IOException {
        Process process = MainProcess.start(env, log());
        LOG.info("started the service as process {}; output in {}", process.pid(), log());
        return process;
    }

    private Path log() {
        return dataDir.resolve("service.log");
    }
}
