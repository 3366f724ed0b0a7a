package dev.avatarvideo.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests, started once per JVM and chosen in this order:
 * <ol>
 *   <li>{@code TEST_DATABASE_URL} (with {@code TEST_DATABASE_USER}, {@code TEST_DATABASE_PASSWORD}); the user needs
 *       the CREATEDB privilege,</li>
 *   <li>a Testcontainers PostgreSQL when a Docker engine answers,</li>
 *   <li>an embedded PostgreSQL (zonky; binaries from Maven Central), which needs nothing installed.</li>
 * </ol>
 * Every {@link #freshDatabase()} is a new, empty database on that server, so test classes never see each other's rows.
 */
public final class TestPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";

    /** A database to connect to. */
    public record Database(String jdbcUrl, String user, String password) {

        public DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(jdbcUrl);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }
    }

    /** The running server: where it came from, and its maintenance database used to create test databases. */
    public record Server(String origin, Database maintenance) {
    }

    private static Server server;

    private TestPostgres() {
    }

    public static synchronized Server server() {
        if (server == null) {
            server = startServer(System.getenv());
            LOG.info("test PostgreSQL: {}", server.origin());
        }
        return server;
    }

    public static Database freshDatabase() {
        Server running = server();
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(running.maintenance().jdbcUrl(), running.maintenance().user(),
                running.maintenance().password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + running.origin()
                    + " (with TEST_DATABASE_URL, the user needs CREATEDB): " + e.getMessage(), e);
        }
        return new Database(withDatabaseName(running.maintenance().jdbcUrl(), name), running.maintenance().user(),
                running.maintenance().password());
    }

    private static Server startServer(Map<String, String> env) {
        String url = env.get("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new Server("TEST_DATABASE_URL", new Database(url, env.getOrDefault("TEST_DATABASE_USER", "postgres"),
                    env.getOrDefault("TEST_DATABASE_PASSWORD", "")));
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            return new Server("Testcontainers " + POSTGRES_IMAGE, new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword()));
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            return new Server("embedded PostgreSQL (zonky) on port " + embedded.getPort(),
                    new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    /** Docker may be absent; that must cost a fraction of a second, never a failed build. */
    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("no Docker engine: {}", e.toString());
            return false;
        }
    }

    static String withDatabaseName(String jdbcUrl, String database) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("expected a jdbc:postgresql:// URL, got " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database + query;
    }
}
