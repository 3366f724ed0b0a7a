package dev.avatarvideo.heygen.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rendered MP4s, made on first download and kept on disk, never in memory. A file depends only on the frame size,
 * the caption bar and the length, so renders that share those share one file: a benchmark's thousand renders of
 * similar scripts cost a handful of files. A temporary directory belongs to this simulator and goes when it closes; a
 * directory under the simulator's state directory stays, so after a restart a render's addresses serve the very bytes
 * they served before (a file is only ever moved into place whole, so a crash leaves no half-made video behind a name).
 */
final class SimulatedVideos implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeyGenSimulator.class);

    private final Path directory;
    private final boolean temporary;
    private final VideoSplicer splicer = new VideoSplicer();
    private final Map<String, ReentrantLock> making = new ConcurrentHashMap<>();

    private SimulatedVideos(Path directory, boolean temporary) {
        this.directory = directory;
        this.temporary = temporary;
    }

    /** A fresh directory under the system's temporary directory, removed again by {@link #close()}. */
    static SimulatedVideos inTemporaryDirectory() {
        try {
            return new SimulatedVideos(Files.createTempDirectory("heygen-simulator-videos-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulator's video directory", e);
        }
    }

    /** {@code directory} (made if missing), with the videos an earlier run made there; {@link #close()} leaves it. */
    static SimulatedVideos keptIn(Path directory) {
        try {
            return new SimulatedVideos(Files.createDirectories(directory), false);
        } catch (IOException e) {
            throw new UncheckedIOException("the HeyGen simulator cannot keep its videos in " + directory, e);
        }
    }

    /** The render's MP4 ({@code captioned}: the copy with captions burned in), made now if no render needed it before. */
    Path mp4(RenderPlan plan, boolean captioned) {
        String name = plan.frame() + (captioned ? "-captioned-" : "-") + plan.pieces() + ".mp4";
        Path file = directory.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        ReentrantLock lock = making.computeIfAbsent(name, key -> new ReentrantLock());
        lock.lock();
        try {
            if (!Files.exists(file)) {
                make(plan, captioned, file);
            }
            return file;
        } finally {
            lock.unlock();
        }
    }

    private void make(RenderPlan plan, boolean captioned, Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.deleteIfExists(partial);
            long started = System.nanoTime();
            splicer.write(plan.frame(), captioned, plan.pieces(), partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(HeyGenSimulator.LOG_PREFIX + "made SIMULATED video {} ({} s, {} bytes) in {} ms", file.getFileName(),
                    plan.duration().toMillis() / 1000.0, Files.size(file), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the simulated video " + file, e);
        }
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(SimulatedVideos::delete);
        } catch (IOException e) {
            LOG.warn(HeyGenSimulator.LOG_PREFIX + "could not remove the video directory {}", directory, e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn(HeyGenSimulator.LOG_PREFIX + "could not remove {}", path, e);
        }
    }
}
