package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot succeed says why in one line, without a stack trace, and exits non-zero; one that stops says so
 * last. The service runs as its own JVM, as {@code main} starts it, and its whole output is read.
 */
class StartExplanationsTest {

    private static final String PREFIX = "avatar-video-service cannot start: ";
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> holders = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        for (AutoCloseable holder : holders) {
            holder.close();
        }
    }

    @Test
    void aSecondStartOnADataDirInUseNamesThePidOfTheRunningOneAndTheRunningOneStopsWithAFinalLine() throws Exception {
        Path dataDir = temp.resolve("data");
        int port = TrackingFixture.freePort();
        Process running = start(zeroConfig(dataDir, port), "running");
        awaitAnswering(URI.create("http://localhost:" + port), running, "running");

        String line = explanationOf(start(zeroConfig(dataDir, TrackingFixture.freePort()), "second"), "second");

        assertThat(line).isEqualTo(PREFIX + "DATA_DIR " + dataDir.toRealPath() + " is in use by another running avatar-video-service (pid "
                + running.pid() + "): stop that one first, or give this one another DATA_DIR");
        running.destroy();
        assertThat(running.waitFor(1, TimeUnit.MINUTES)).isTrue();
        List<String> lines = Files.readAllLines(log("running"), StandardCharsets.UTF_8);
        assertThat(lines.getLast()).as("the last line of a stopped service").endsWith("avatar-video-service stopped");
    }

    @Test
    void aDataDirThatIsNotWritableIsSaidToBeJustThat() throws Exception {
        Path dataDir = Files.createDirectory(temp.resolve("read-only"));
        Assumptions.assumeTrue(makeUnwritable(dataDir), "this machine lets the test make no directory unwritable (root without chattr)");

        String line = explanationOf(start(zeroConfig(dataDir, TrackingFixture.freePort()), "read-only"), "read-only");

        assertThat(line).startsWith(PREFIX + "DATA_DIR " + dataDir + " is not writable by user " + System.getProperty("user.name") + " (")
                .endsWith("): make it writable, or set DATA_DIR to a directory this user may write")
                .doesNotContain("another");
    }

    @Test
    void aBusyPortIsFoundBeforeAFirstStartSetsAnythingUp() throws Exception {
        Path dataDir = temp.resolve("data");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            String line = explanationOf(start(zeroConfig(dataDir, port), "busy-port"), "busy-port");

            assertThat(line).startsWith(PREFIX + "port " + port + " on 127.0.0.1 is already in use (")
                    .endsWith("): stop the program that uses it, or set PORT to a free one");
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no key file, no database: nothing a first start makes").containsOnly(DataDirectoryLock.FILE_NAME);
        }
    }

    @Test
    void aDatabaseThatRefusesConnectionsIsOneSentence() throws Exception {
        int closedPort = TrackingFixture.freePort();
        Map<String, String> env = zeroConfig(temp.resolve("data"), TrackingFixture.freePort());
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/videos?password=hunter2");

        String line = explanationOf(start(env, "refused"), "refused");

        assertThat(line).isEqualTo(PREFIX + "the PostgreSQL at jdbc:postgresql://127.0.0.1:" + closedPort + "/videos?password=****"
                + " (DATABASE_URL) refuses connections: check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD, and that the database server runs");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsOneSentenceToo() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> keepAcceptingAndSayNothing(silent));
            Map<String, String> env = zeroConfig(temp.resolve("data"), TrackingFixture.freePort());
            env.put("DATABASE_URL", "postgres://videos:secret@127.0.0.1:" + silent.getLocalPort() + "/videos");

            String line = explanationOf(start(env, "silent"), "silent");

            assertThat(line).isEqualTo(PREFIX + "the PostgreSQL at jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/videos"
                    + " (DATABASE_URL) does not answer within 10 s: check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD, and that the"
                    + " database server runs");
            acceptor.interrupt();
        }
    }

    private static void keepAcceptingAndSayNothing(ServerSocket server) {
        List<Socket> open = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                open.add(server.accept());
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    /** The built-in simulator, the embedded PostgreSQL, files on disk: what a newcomer's first command runs. */
    private static Map<String, String> zeroConfig(Path dataDir, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("PORT", Integer.toString(port));
        return env;
    }

    /** Waits for the process to fail, and answers the one line that explains it; everything else it printed must be no error. */
    private String explanationOf(Process process, String name) throws Exception {
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("gave up starting").isTrue();
        String output = Files.readString(log(name), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).as("no stack trace").doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
        List<String> explanations = output.lines().filter(l -> l.contains("cannot start")).toList();
        assertThat(explanations).as(output).hasSize(1);
        return explanations.getFirst();
    }

    /**
     * Root may write everywhere whatever the permissions say; then the directory is made immutable instead, where the
     * file system allows it.
     */
    private boolean makeUnwritable(Path directory) throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        holders.add(() -> Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------")));
        if (!canWrite(directory)) {
            return true;
        }
        try {
            if (new ProcessBuilder("chattr", "+i", directory.toString()).inheritIO().start().waitFor() == 0) {
                holders.addFirst(() -> new ProcessBuilder("chattr", "-i", directory.toString()).inheritIO().start().waitFor());
            }
        } catch (IOException e) {
            return false;
        }
        return !canWrite(directory);
    }

    private static boolean canWrite(Path directory) {
        try {
            Files.delete(Files.createFile(directory.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitAnswering(URI base, Process process, String name) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service died while starting:\n" + Files.readString(log(name)));
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/health/live")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not answer within " + PATIENCE);
    }

    private Process start(Map<String, String> env, String name) throws IOException {
        Process process = MainProcess.start(env, log(name));
        processes.add(process);
        return process;
    }

    private Path log(String name) {
        return temp.resolve(name + ".log");
    }
}
