package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import dev.avatarvideo.testsupport.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, acceptance 3, for real crashes: the service, as its own JVM, is killed with {@code kill -9} between the
 * parts of a lesson — while the ledger entry of the SRT, the WebVTT, the poster or the preview is being written (the
 * parts before it already in storage), and inside the transaction that marks the video READY — once at each point, in
 * an order the seed decides, each restart resuming the copy until the next kill. A trigger of the test's makes
 * PostgreSQL hold the chosen statement ({@code pg_sleep}), so the kill lands exactly there. In the end the video is
 * READY with all five parts, every file it records exists, and after the sweeper's grace storage holds those five
 * files and nothing else.
 */
class ServiceKilledBetweenLessonPartsTest {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceKilledBetweenLessonPartsTest.class);
    private static final long SEED = Long.getLong("faultInjection.seed", 20_261_206L);
    /** Where a kill lands: the extension of the part whose ledger entry is held, or the READY commit. */
    private static final List<String> KILL_POINTS = List.of("srt", "vtt", "jpg", "gif", "ready");
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withPort(0).withRenderTime(Duration.ofSeconds(1)));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> services = new ArrayList<>();
    private Jdbi database;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process service : services) {
            service.destroyForcibly();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        if (database != null) {
            // A failed test must not leave a statement of its PostgreSQL asleep for ten minutes.
            terminateHeldStatements();
        }
        simulator.close();
    }

    @Test
    void killedBetweenEveryTwoPartsAndAtTheCommitTheLessonEndsReadyWithAllPartsAndNothingElseInStorage() throws Exception {
        TestPostgres.Database postgres = TestPostgres.freshDatabase();
        database = Jdbi.create(postgres.dataSource());
        int port = TrackingFixture.freePort();
        URI base = URI.create("http://localhost:" + port);
        Map<String, String> env = environment(postgres, port);
        List<String> order = new ArrayList<>(KILL_POINTS);
        Collections.shuffle(order, new Random(SEED));

        Process service = start(env, "start-0");
        awaitAnswering(base, service);
        installPauses();
        holdAt(order.getFirst());
        String id = requestLesson(base);
        Map<String, String> objectsAtKill = new LinkedHashMap<>();
        for (int kill = 0; kill < order.size(); kill++) {
            String point = order.get(kill);
            Process held = service;
            await("the copy held at " + point, held, () -> heldStatements() > 0);
            objectsAtKill.put(point, objectsUnder().size() + " objects, " + ledger().size() + " ledger entries");

            held.destroyForcibly();
            assertThat(held.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(held.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            terminateHeldStatements();
            // The next point is set before the restart, which resumes the copy at once.
            holdAt(kill + 1 < order.size() ? order.get(kill + 1) : null);
            assertThat(status(id)).as("killed at %s: not READY", point).isNotEqualTo("READY");
            assertThat(ledger()).as("killed at %s: every object in storage is in the ledger", point).containsAll(names(objectsUnder()));

            service = start(env, "after-" + point);
            awaitAnswering(base, service);
        }
        JsonNode video = awaitReady(base, id, service);
        Set<StorageKey> recorded = partsOf(video);
        LOG.info("seed {}: killed {} times, at {}; at each kill: {}; READY with {}", SEED, order.size(), order, objectsAtKill, recorded);

        Process last = service;
        await("the sweeper removed every interrupted copy's parts", last, () -> objectsUnder().equals(recorded));
        await("the ledger is empty", last, () -> ledger().isEmpty());
        assertThat(recorded).hasSize(5);
        Set<String> rows = database.withHandle(h -> h.createQuery("SELECT storage_path FROM stored_files").mapTo(String.class).set());
        assertThat(rows)
                .as("the stored_files rows are the lesson's five files").containsExactlyInAnyOrderElementsOf(names(recorded));
        for (JsonNode part : List.of(video.get("file"), video.at("/captionFiles/srt"), video.at("/captionFiles/vtt"), video.get("poster"),
                video.get("preview"))) {
            byte[] bytes = http.send(HttpRequest.newBuilder(URI.create(part.get("fileUrl").asText())).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            assertThat(LessonFiles.sha256(bytes)).as(part.get("fileName").asText()).isEqualTo(part.get("checksum").asText());
        }
    }

    /**
     * Triggers that hold a statement while {@code test_pause} names its point: the ledger entry of a part (by its key's
     * extension), or the update that makes a video READY.
     */
    private void installPauses() {
        database.useHandle(h -> h.execute("""
                CREATE TABLE test_pause (at text PRIMARY KEY);
                CREATE FUNCTION test_pause_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM test_pause WHERE NEW.storage_path LIKE '%.' || at) THEN PERFORM pg_sleep(600); END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER unclaimed_objects_pause BEFORE INSERT ON unclaimed_objects FOR EACH ROW EXECUTE FUNCTION test_pause_ledger();
                CREATE FUNCTION test_pause_ready() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.status = 'READY' AND EXISTS (SELECT 1 FROM test_pause WHERE at = 'ready') THEN PERFORM pg_sleep(600); END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER avatar_videos_pause BEFORE UPDATE ON avatar_videos FOR EACH ROW EXECUTE FUNCTION test_pause_ready();"""));
    }

    /** Makes the trigger hold the statement at {@code point} from now on, and nowhere else; {@code null}: nowhere. */
    private void holdAt(String point) {
        database.useHandle(h -> {
            h.execute("DELETE FROM test_pause");
            if (point != null) {
                h.execute("INSERT INTO test_pause VALUES (?)", point);
            }
        });
    }

    private int heldStatements() {
        return database.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'").mapTo(Integer.class).one());
    }

    /** The killed service's held statement would sleep on; its transaction ends as a crash ends it, rolled back. */
    private void terminateHeldStatements() {
        database.useHandle(h -> h.createQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")
                .mapTo(Boolean.class).list());
    }

    private Map<String, String> environment(TestPostgres.Database postgres, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", postgres.jdbcUrl());
        env.put("DATABASE_USER", postgres.user());
        env.put("DATABASE_PASSWORD", postgres.password());
        env.put("DATA_DIR", dataDir.toString());
        env.put("PORT", Integer.toString(port));
        env.put("HEYGEN_BASE_URL", simulator.baseUrl().toString());
        env.put("HEYGEN_API_KEY", simulator.apiKey());
        env.put("HEYGEN_POLL_INTERVAL_MS", "300");
        env.put("HEYGEN_POLL_MAX_INTERVAL_MS", "1000");
        env.put("WORK_LEASE_MS", "3000");
        env.put("SWEEPER_INTERVAL_MS", "500");
        env.put("SWEEPER_GRACE_PERIOD_MS", Long.toString(GRACE.toMillis()));
        return env;
    }

    private String requestLesson(URI base) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/videos")).header("Authorization", ApiKeyFiles.bearer(dataDir))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LessonBundleEndToEndTest.requestBody("Killed between parts", "sidecar"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json.readTree(created.body()).get("id").asText();
    }

    private String status(String id) {
        return database.withHandle(h -> h.createQuery("SELECT status FROM avatar_videos WHERE id = CAST(:id AS uuid)").bind("id", id)
                .mapTo(String.class).one());
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

    private static Set<StorageKey> partsOf(JsonNode video) {
        return java.util.stream.Stream.of(video.get("file"), video.at("/captionFiles/srt"), video.at("/captionFiles/vtt"), video.get("poster"),
                video.get("preview")).map(part -> new StorageKey(part.get("storagePath").asText())).collect(Collectors.toSet());
    }

    private Set<StorageKey> objectsUnder() {
        Path files = dataDir.resolve("files");
        return Files.isDirectory(files) ? FileSystemSaveTopicFaultInjectionTest.objectsUnder(files) : Set.of();
    }

    private Set<String> ledger() {
        return database.withHandle(h -> h.createQuery("SELECT storage_path FROM unclaimed_objects").mapTo(String.class).set());
    }

    private static Set<String> names(Set<StorageKey> keys) {
        return keys.stream().map(StorageKey::value).collect(Collectors.toSet());
    }

    private void awaitAnswering(URI base, Process service) throws Exception {
        await("the service answers /health/live", service, () -> MainProcess.answersLive(http, base));
    }

    private void await(String what, Process service, BooleanSupplier condition) throws Exception {
        MainProcess.awaitWhileAlive(what, service, PATIENCE, condition, () -> tailOf(service), () -> "objects " + objectsUnder() + ", ledger " + ledger());
    }

    private String tailOf(Process service) {
        try (var files = Files.list(logs)) {
            return files.max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).map(MainProcess::lastLines)
                    .orElse("(no log of pid " + service.pid() + ")");
        } catch (IOException e) {
            return "(no log of pid " + service.pid() + ": " + e + ")";
        }
    }

    private Process start(Map<String, String> env, String name) throws IOException {
        Path log = logs.resolve(name + ".log");
        Process process = MainProcess.start(env, log);
        services.add(process);
        LOG.info("started the service as process {} ({}); output in {}", process.pid(), name, log);
        return process;
    }
}
