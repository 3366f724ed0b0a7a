package dev.avatarvideo.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main of this module run in a JVM of its own, so its peak heap and resident set are its alone. It reports by
 * printing {@code RESULT key=value ...} lines; everything else it prints is passed through, prefixed, for the reader.
 */
final class ChildJvm {

    static final String RESULT = "RESULT ";

    private ChildJvm() {
    }

    /** A started child whose output is read as it comes. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final List<Map<String, String>> results = new ArrayList<>();
        private final Thread reader;

        private Running(Process process, String label) {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().name("child-output-" + label).start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith(RESULT)) {
                            synchronized (results) {
                                results.add(parse(line.substring(RESULT.length())));
                            }
                        } else {
                            System.err.println("  [" + label + "] " + line);
                        }
                    }
                } catch (IOException e) {
                    // The child ended.
                }
            });
        }

        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process.isAlive();
        }

        /** Waits for the child to exit and answers its last result line. */
        Map<String, String> awaitResult(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the child did not finish within " + timeout);
                }
                reader.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            synchronized (results) {
                if (results.isEmpty()) {
                    throw new IllegalStateException("the child exited with " + process.exitValue() + " without a result");
                }
                return results.getLast();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
    }

    /** Starts {@code mainClass} with this JVM's class path, the given JVM options and extra environment. */
    static Running start(String label, List<String> jvmOptions, Class<?> mainClass, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            return new Running(builder.start(), label);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass.getSimpleName(), e);
        }
    }

    /** What a child prints as its result: {@code key=value} pairs separated by spaces; values have no spaces ({@code _} instead). */
    static String result(Map<String, ?> values) {
        StringBuilder line = new StringBuilder(RESULT);
        values.forEach((key, value) -> line.append(key).append('=').append(String.valueOf(value).replace(' ', '_')).append(' '));
        return line.toString().strip();
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.strip().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1).replace('_', ' '));
            }
        }
        return values;
    }
}
