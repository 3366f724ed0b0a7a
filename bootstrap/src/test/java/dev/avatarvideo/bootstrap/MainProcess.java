package dev.avatarvideo.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The service as its own JVM, exactly as {@code main} starts it, with the test's class path: for tests that kill or stop it. */
final class MainProcess {

    private MainProcess() {
    }

    /** Starts {@code Main} with {@code env} added to this process's environment; everything it prints goes to {@code log}. */
    static Process start(Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = builder(env, List.of())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return builder.start();
    }

    /** Runs {@code Main} with {@code args} (a command such as create-key), its standard output and error kept apart. */
    static Process run(Map<String, String> env, List<String> args, Path out, Path err) throws IOException {
        return builder(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    /** Whether the service at {@code base} answers its liveness check now; not answering yet is no error. */
    static boolean answersLive(HttpClient http, URI base) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/health/live")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until {@code condition} holds, failing at once when the service dies on the way (with {@code lastWords}, e.g.
     * its log's tail) and after {@code patience} with {@code state} (what the test sees by then).
     */
    static void awaitWhileAlive(String what, Process service, Duration patience, BooleanSupplier condition, Supplier<String> lastWords,
                                Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!service.isAlive()) {
                throw new AssertionError("the service died while waiting for: " + what + "\n" + lastWords.get());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + patience + " waiting for: " + what + "; " + state.get());
    }

    /** The last 40 lines of a service's log, for a failure message; a log that cannot be read says so instead. */
    static String lastLines(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no readable log at " + log + ": " + e + ")";
        }
    }

    private static ProcessBuilder builder(Map<String, String> env, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder;
    }
}
