package dev.avatarvideo.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * This process's claim on DATA_DIR: an exclusive lock on {@code DATA_DIR/service.lock}, which holds the owner's pid.
 * Taken when the service runs its embedded PostgreSQL, which only one process can use (with {@code DATABASE_URL},
 * instances may share one DATA_DIR and its files, so none is taken). Held from the first thing a start does to the last
 * thing a stop does; the operating system drops it when the process dies, however it dies. So whoever holds it knows
 * that no live service owns the PostgreSQL server of that DATA_DIR, and a second start on it learns who has it.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "service.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates DATA_DIR when missing and proves that this process can write in it, by creating and removing a file of its own.
     *
     * @throws CannotStartException when it cannot
     */
    static void requireWritable(Path dataDir) {
        Path probe = dataDir.resolve(".write-check-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw notWritable(dataDir, e);
        }
    }

    /**
     * @throws CannotStartException when DATA_DIR cannot be written, or another live process holds it
     */
    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw notWritable(dataDir, e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                Optional<Long> owner = ownerPid(channel);
                channel.close();
                throw new CannotStartException("DATA_DIR " + dataDir + " is in use by another running avatar-video-service"
                        + owner.map(pid -> " (pid " + pid + ")").orElse("") + ": stop that one first, or give this one another DATA_DIR");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw notWritable(dataDir, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This very JVM holds it already (a second service in one process): in use all the same.
            return null;
        }
    }

    private static Optional<Long> ownerPid(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(32);
            channel.read(content, 0);
            return Optional.of(Long.parseLong(new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static CannotStartException notWritable(Path dataDir, IOException e) {
        String reason = e instanceof FileSystemException fileSystem && fileSystem.getReason() != null ? fileSystem.getReason()
                : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
        return new CannotStartException("DATA_DIR " + dataDir + " is not writable by user " + System.getProperty("user.name")
                + " (" + reason + "): make it writable, or set DATA_DIR to a directory this user may write");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a lock file that was never locked: nothing to undo.
        }
    }

    /** Releases DATA_DIR: the last thing a stop does. The file stays; only its lock matters. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("releasing " + FILE_NAME + " failed", e);
        }
    }
}
