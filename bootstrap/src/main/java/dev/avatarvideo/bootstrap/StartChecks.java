package dev.avatarvideo.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * What a start makes sure of before it sets anything up (a key file, a first tenant, a database schema), so a start that
 * cannot succeed fails at once, in one sentence, and changes nothing.
 */
final class StartChecks {

    /** How long the configured database may take to answer before the start gives up on it. */
    static final Duration DATABASE_PATIENCE = Duration.ofSeconds(10);

    private StartChecks() {
    }

    /**
     * DATA_DIR must be writable; with the embedded database it is also locked for this process alone (released last, when
     * the service stops), so no second start runs a PostgreSQL server on the same files.
     */
    static Optional<DataDirectoryLock> lockDataDirectory(Configuration config, Running running) {
        DataDirectoryLock.requireWritable(config.dataDir());
        return config.database().isPresent() ? Optional.empty() : Optional.of(running.started(DataDirectoryLock.acquire(config.dataDir())));
    }

    /** The configured port, or a free one for PORT=0; either way free at this moment. */
    static int freePort(Configuration config) {
        int port = config.port() == 0 ? anyFreePort() : config.port();
        requirePortFree(config.bindAddress(), port);
        return port;
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /**
     * Binds the address and port for a moment. Jetty binds them again later; between the two another program could take
     * the port, and then the server's own failure is reported the same way.
     */
    static void requirePortFree(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
        } catch (IOException e) {
            throw portInUse(bindAddress, port, e);
        }
    }

    static CannotStartException portInUse(String bindAddress, int port, Exception cause) {
        return new CannotStartException("port " + port + " on " + bindAddress + " is already in use (" + cause.getMessage()
                + "): stop the program that uses it, or set PORT to a free one");
    }

    /** Opens and closes one connection to the configured database, waiting at most {@link #DATABASE_PATIENCE}. */
    static void requireDatabaseAnswers(Configuration.DatabaseConnection database) {
        Properties properties = new Properties();
        if (database.user() != null) {
            properties.setProperty("user", database.user());
        }
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        String seconds = Long.toString(DATABASE_PATIENCE.toSeconds());
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties)) {
            connection.isValid((int) DATABASE_PATIENCE.toSeconds());
        } catch (SQLException e) {
            throw new CannotStartException("the PostgreSQL at " + database.maskedUrl() + " (DATABASE_URL) " + whatWentWrong(e)
                    + ": check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD, and that the database server runs");
        }
    }

    private static String whatWentWrong(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "refuses the login (" + e.getMessage() + ")";
        }
        if (state.equals("3D000")) {
            return "has no such database (" + e.getMessage() + ")";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case ConnectException refused -> {
                    return "refuses connections";
                }
                case NoRouteToHostException unreachable -> {
                    return "cannot be reached (no route to host)";
                }
                case UnknownHostException unknown -> {
                    return "cannot be found: unknown host " + unknown.getMessage();
                }
                case SocketTimeoutException timeout -> {
                    return "does not answer within " + DATABASE_PATIENCE.toSeconds() + " s";
                }
                default -> {
                }
            }
        }
        if (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return "does not answer within " + DATABASE_PATIENCE.toSeconds() + " s";
        }
        return "cannot be used (" + e.getMessage() + ")";
    }
}
