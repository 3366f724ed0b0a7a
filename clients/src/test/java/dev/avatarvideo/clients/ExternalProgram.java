package dev.avatarvideo.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program the client tests run (node, npm, python3). One that is not installed skips its test with what to install,
 * except on CI ({@code CI} set), which installs all of them, so there a missing one fails the build instead.
 */
final class ExternalProgram {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalProgram.class);

    private ExternalProgram() {
    }

    /** Every executable named {@code name} on the PATH, in PATH order. */
    static List<Path> onPath(String name) {
        List<Path> found = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !found.contains(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    /** The first {@code name} on the PATH; when there is none, the test is skipped (failed on CI) with {@code whatToInstall}. */
    static Path require(String name, String whatToInstall) {
        return onPath(name).stream().findFirst().orElseThrow(() -> missing(name + " is not on the PATH: " + whatToInstall));
    }

    /** Skips the running test, or fails it on CI, where every tool the tests use is installed. */
    static RuntimeException missing(String message) {
        if (System.getenv("CI") != null) {
            throw new AssertionError(message + " (CI installs it: see .ci/run)");
        }
        return Assumptions.abort(message);
    }

    /** Runs {@code command} in {@code dir} with {@code env} added; its output (stdout and stderr) is logged and returned. */
    static Result run(Path dir, Map<String, String> env, Duration timeout, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path log = Files.createTempFile("client-program-", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            LOG.info("{} in {}{}:\n{}", String.join(" ", command), dir, finished ? " exited " + process.exitValue() : " timed out", output);
            return new Result(String.join(" ", command), finished ? Optional.of(process.exitValue()) : Optional.empty(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** @param exitCode empty when the program did not finish in time and was killed */
    record Result(String command, Optional<Integer> exitCode, String output) {

        Result assertSucceeded() {
            assertThat(exitCode).as("%s exit code; its output:%n%s", command, output).contains(0);
            return this;
        }
    }
}
