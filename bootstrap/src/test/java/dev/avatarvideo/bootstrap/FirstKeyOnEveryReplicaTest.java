package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 3 (issue 15): three replicas, each its own JVM with a disk of its own (as Kubernetes pods are), started at
 * once on one empty database. Exactly one of them creates the first tenant; every one prints how to get a key, and
 * following its instruction with that replica's environment gives a key the replica accepts, though the first start's
 * key file is on one replica's disk only.
 */
class FirstKeyOnEveryReplicaTest {

    private static final int REPLICAS = 3;
    private static final Pattern FROM_DATABASE = Pattern.compile("API key: +KEY=\\$\\(\\S+(?: -jar \\S+)? (create-key --tenant default)\\)");

    @TempDir
    Path root;

    private final TrackingFixture fixture = new TrackingFixture();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(500)));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        simulator.close();
    }

    @Test
    void everyReplicaStartedAtOnceOnAnEmptyDatabaseSaysHowToGetAKeyThatWorksOnIt() throws Exception {
        List<Map<String, String>> environments = new ArrayList<>();
        List<URI> bases = new ArrayList<>();
        for (int i = 1; i <= REPLICAS; i++) {
            int port = TrackingFixture.freePort();
            bases.add(URI.create("http://localhost:" + port));
            // Replicas share the master key as they share the database (a Kubernetes Secret), never a disk.
            environments.add(fixture.environment(Files.createDirectories(root.resolve("replica-" + i)), port, simulator.baseUrl(),
                    simulator.apiKey(), Map.of("MASTER_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")));
        }
        for (int i = 0; i < REPLICAS; i++) {
            processes.add(MainProcess.start(environments.get(i), banner(i)));
        }

        List<String> banners = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            int replica = i;
            TrackingFixture.await("replica " + (replica + 1) + " printed its start banner", () -> {
                if (!processes.get(replica).isAlive()) {
                    throw new AssertionError("replica " + (replica + 1) + " died:\n" + read(banner(replica)));
                }
                return read(banner(replica)).contains("  try:");
            });
            banners.add(read(banner(i)));
        }

        assertThat(banners).filteredOn(banner -> banner.contains("first start: created tenant 'default'")).as("one replica made it")
                .hasSize(1);
        for (int i = 0; i < REPLICAS; i++) {
            Matcher instruction = FROM_DATABASE.matcher(banners.get(i));
            assertThat(instruction.find()).as("replica %d says how to get a key from the database:%n%s", i + 1, banners.get(i)).isTrue();
            String key = follow(instruction.group(1), environments.get(i), i);
            assertThat(get(bases.get(i).resolve("/api/videos"), key)).as("replica %d accepts the key its banner led to", i + 1).isEqualTo(200);
        }
        assertThat(java.util.stream.IntStream.rangeClosed(1, REPLICAS).filter(i -> Files.exists(root.resolve("replica-" + i).resolve(ApiKeyFiles.FILE))))
                .as("the first key's file is on one replica's disk only: no way to the key for the others").hasSize(1);
    }

    @Test
    void theCommandRefusesATenantThatDoesNotExistAndSaysHowToCreateIt() throws Exception {
        Map<String, String> env = fixture.environment(Files.createDirectories(root.resolve("one")), TrackingFixture.freePort(),
                simulator.baseUrl(), simulator.apiKey(), Map.of("MASTER_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
        assertThat(follow("create-key --tenant default", env, 10)).as("an empty database: the tenant is made, as a first start would")
                .startsWith("avs_");

        Path out = root.resolve("acme.out");
        Path err = root.resolve("acme.err");
        Process refused = MainProcess.run(env, List.of("create-key", "--tenant", "acme"), out, err);
        assertThat(refused.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(read(out)).as("nothing a script would take for a key").isEmpty();
        assertThat(read(err)).contains("there is no tenant 'acme'").contains("POST /admin/tenants");
    }

    /** Runs the printed command as the replica's operator would (kubectl exec: the replica's own environment). */
    private String follow(String command, Map<String, String> env, int replica) throws Exception {
        Path out = root.resolve("create-key-" + replica + ".out");
        Path err = root.resolve("create-key-" + replica + ".err");
        Process process = MainProcess.run(new HashMap<>(env), Arrays.asList(command.split(" ")), out, err);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("create-key finished").isTrue();
        assertThat(process.exitValue()).as("create-key exit status; its errors:%n%s", read(err)).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).as("standard output carries the key alone").hasSize(1);
        return lines.getFirst();
    }

    private int get(URI uri, String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private Path banner(int replica) {
        return root.resolve("replica-" + (replica + 1) + ".log");
    }

    private static String read(Path file) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
