package dev.avatarvideo.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a run measured on, printed above every table so numbers are never read without it. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.join("\n",
                "machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory() + " memory",
                "JDK:     " + System.getProperty("java.vm.vendor") + " " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                "OS:      " + operatingSystem(),
                "load:    " + loadAverage() + " (1, 5, 15 min) at start");
    }

    static String loadAverage() {
        return read(Path.of("/proc/loadavg")).map(text -> String.join(", ", List.of(text.split(" ")).subList(0, 3)))
                .orElseGet(() -> String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    /** The 1-minute load average: other work on the machine while measuring shows here. */
    static double oneMinuteLoad() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        return read(Path.of("/proc/cpuinfo")).flatMap(text -> text.lines().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()).orElse(System.getProperty("os.arch"));
    }

    private static String memory() {
        return read(Path.of("/proc/meminfo")).flatMap(text -> text.lines().filter(l -> l.startsWith("MemTotal:")).findFirst())
                .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static String operatingSystem() {
        String release = read(Path.of("/etc/os-release")).flatMap(text -> text.lines().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst()).orElse(System.getProperty("os.name"));
        return release + ", kernel " + System.getProperty("os.version");
    }

    private static java.util.Optional<String> read(Path file) {
        try {
            return java.util.Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
