package dev.avatarvideo.bootstrap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The service as its own JVM, exactly as {@code main} starts it, with the test's class path: for tests that kill or stop it. */
final class MainProcess {

    private MainProcess() {
    }

    /** Starts {@code Main} with {@code env} added to this process's environment; everything it prints goes to {@code log}. */
    static Process start(Map<String, String> env, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }
}
