package dev.avatarvideo.bootstrap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private static ProcessBuilder builder(Map<String, String> env, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder;
    }
}
