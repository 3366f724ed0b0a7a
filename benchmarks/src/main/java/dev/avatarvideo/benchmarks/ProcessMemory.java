package dev.avatarvideo.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Peak memory of a process: its resident set's high-water mark from the kernel ({@code VmHWM}), and for this JVM the
 * heap's peak as its memory pools recorded it. The sum of each heap pool's own peak is an upper bound of the heap's
 * peak (the pools need not peak at once), so a number under a limit proves the limit.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static OptionalLong peakRssBytes(long pid) {
        return statusField(pid, "VmHWM:");
    }

    static OptionalLong threads(long pid) {
        return statusRaw(pid, "Threads:");
    }

    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    private static OptionalLong statusField(long pid, String field) {
        OptionalLong raw = statusRaw(pid, field);
        return raw.isPresent() ? OptionalLong.of(raw.getAsLong() * 1024) : raw;
    }

    private static OptionalLong statusRaw(long pid, String field) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/status")).lines().filter(l -> l.startsWith(field))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
    }
}
