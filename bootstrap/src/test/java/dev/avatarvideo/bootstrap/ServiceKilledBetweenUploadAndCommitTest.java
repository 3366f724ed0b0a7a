package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.testsupport.MultipartBody;
import dev.avatarvideo.testsupport.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills the service for real ({@code kill -9}) between the upload of a topic's file and the commit of the topic, then
 * starts it again: the sweeper removes the orphaned object once its grace period is over, and the save, tried again,
 * succeeds. The service runs as its own JVM ({@code java -cp <test classpath> dev.avatarvideo.bootstrap.Main}) on a
 * PostgreSQL of the test's. The test holds an exclusive lock on {@code topics}, so the save blocks exactly between
 * upload and commit; it is killed while it waits there.
 */
class ServiceKilledBetweenUploadAndCommitTest {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceKilledBetweenUploadAndCommitTest.class);
    private static final Duration GRACE = Duration.ofSeconds(4);
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(p -> {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void afterAKillBetweenUploadAndCommitTheSweeperRemovesTheOrphanAndARetriedSaveSucceeds() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        int port = freePort();
        Map<String, String> env = Map.of(
                "DATABASE_URL", database.jdbcUrl(),
                "DATABASE_USER", database.user(),
                "DATABASE_PASSWORD", database.password(),
                "DATA_DIR", dataDir.toString(),
                "PORT", Integer.toString(port),
                "SWEEPER_INTERVAL_MS", Long.toString(SWEEP_INTERVAL.toMillis()),
                "SWEEPER_GRACE_PERIOD_MS", Long.toString(GRACE.toMillis()));
        URI base = URI.create("http://localhost:" + port);
        Path files = dataDir.resolve("files");
        byte[] slides = new byte[300_000];
        new Random(9).nextBytes(slides);

        Process first = start(env, "first");
        awaitHealthy(base, first);
        StorageKey orphan;
        try (Connection blocker = database.dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            execute(blocker, "LOCK TABLE topics IN ACCESS EXCLUSIVE MODE");

            var save = http.sendAsync(multipartSave(base, slides), HttpResponse.BodyHandlers.ofString());
            await("the file is in storage and the save waits for the topics table", first,
                    () -> FileSystemSaveTopicFaultInjectionTest.objectsUnder(files).size() == 1 && saveIsWaitingForTheLock(database));
            orphan = FileSystemSaveTopicFaultInjectionTest.objectsUnder(files).iterator().next();

            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the service died").isTrue();
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            assertThat(save).failsWithin(Duration.ofSeconds(60));
            blocker.rollback();
        }
        await("the killed save's transaction is gone", null, () -> !saveIsWaitingForTheLock(database) && otherSessions(database) == 0);
        assertThat(count(database, "SELECT count(*) FROM topics")).as("the topic was never committed").isZero();
        assertThat(count(database, "SELECT count(*) FROM stored_files")).isZero();
        assertThat(ledger(database)).as("the upload's ledger entry survived the crash").containsExactly(orphan.value());
        assertThat(FileSystemSaveTopicFaultInjectionTest.objectsUnder(files)).as("the orphan is still there").containsExactly(orphan);

        Instant restarted = Instant.now();
        Process second = start(env, "second");
        awaitHealthy(base, second);
        await("the sweeper removed the orphan", second, () -> FileSystemSaveTopicFaultInjectionTest.objectsUnder(files).isEmpty());
        LOG.info("orphan {} removed {} ms after the restart (grace period {} ms, sweep every {} ms)", orphan,
                Duration.between(restarted, Instant.now()).toMillis(), GRACE.toMillis(), SWEEP_INTERVAL.toMillis());
        await("the ledger entry is gone too", second, () -> ledger(database).isEmpty());
        assertThat(Files.readString(log("second"))).contains("swept " + orphan.value());

        HttpResponse<String> retried = http.send(multipartSave(base, slides), HttpResponse.BodyHandlers.ofString());

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        JsonNode topic = json.readTree(retried.body());
        StorageKey saved = new StorageKey(topic.at("/contents/1/file/storagePath").asText());
        assertThat(saved).isNotEqualTo(orphan);
        assertThat(FileSystemSaveTopicFaultInjectionTest.objectsUnder(files)).containsExactly(saved);
        assertThat(ledger(database)).isEmpty();
        JsonNode read = json.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/topics/" + topic.get("id").asText()))
                .header("Authorization", ApiKeyFiles.bearer(dataDir)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(FileUrls.unsigned(read)).isEqualTo(FileUrls.unsigned(topic));
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(topic.at("/contents/1/file/fileUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(slides);
    }

    private HttpRequest multipartSave(URI base, byte[] slides) {
        MultipartBody body = new MultipartBody()
                .field("topic", """
                        {"title": "Lesson 7", "language": "en", "contents": [
                          {"type": "text", "text": "Slides for this week"}, {"type": "file", "part": "slides"}]}""")
                .file("slides", "week-7.pdf", "application/pdf", slides);
        return HttpRequest.newBuilder(base.resolve("/api/topics")).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .header("Content-Type", body.contentType())
                .timeout(Duration.ofSeconds(120)).POST(body.publisher()).build();
    }

    private Process start(Map<String, String> env, String name) throws IOException {
        Process process = MainProcess.start(env, log(name));
        processes.add(process);
        LOG.info("started the service as process {} ({}); output in {}", process.pid(), name, log(name));
        return process;
    }

    private Path log(String name) {
        return dataDir.resolve(name + ".log");
    }

    private void awaitHealthy(URI base, Process process) throws Exception {
        await("the service answers /health/live", process, () -> MainProcess.answersLive(http, base));
    }

    private void await(String what, Process process, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new AssertionError("the service died while waiting for: " + what + "\n" + tail(process));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + PATIENCE + " waiting for: " + what);
    }

    private String tail(Process process) {
        for (String name : Set.of("first", "second")) {
            try {
                List<String> lines = Files.readAllLines(log(name), StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                // try the other log
            }
        }
        return "(no log of process " + process.pid() + ")";
    }

    private static boolean saveIsWaitingForTheLock(TestPostgres.Database database) {
        return count(database, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                + " WHERE c.relname = 'topics' AND NOT l.granted") > 0;
    }

    /** Sessions on the test database other than the one asking: the killed service's must go away. */
    private static int otherSessions(TestPostgres.Database database) {
        return count(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }

    private static List<String> ledger(TestPostgres.Database database) {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT storage_path FROM unclaimed_objects")) {
            List<String> paths = new ArrayList<>();
            while (rows.next()) {
                paths.add(rows.getString(1));
            }
            return paths;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(TestPostgres.Database database, String sql) {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
