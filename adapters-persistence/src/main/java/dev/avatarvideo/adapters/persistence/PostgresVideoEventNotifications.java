package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.video.VideoEventNotifications;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups from PostgreSQL's {@code LISTEN/NOTIFY}: the trigger that writes a video event notifies channel
 * {@code video_events} on commit, and this instance holds one connection of its own (outside the pool, which would
 * recycle it) listening there. When that connection fails it reconnects with growing pauses and wakes its listener
 * once it listens again, which then reads everything it missed from the log.
 */
final class PostgresVideoEventNotifications implements VideoEventNotifications {

    static final String CHANNEL = "video_events";
    /** Shown in pg_stat_activity, so an operator can tell this connection from the pool's. */
    static final String APPLICATION_NAME = "avatar-video-service event listener";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresVideoEventNotifications.class);

    private final DatabaseSettings settings;
    private final Duration livenessCheck;
    private final Duration firstReconnectPause;
    private final Duration maxReconnectPause;

    /**
     * @param livenessCheck how long to wait for a notification before checking the connection still answers
     */
    PostgresVideoEventNotifications(DatabaseSettings settings, Duration livenessCheck, Duration firstReconnectPause, Duration maxReconnectPause) {
        this.settings = settings;
        this.livenessCheck = livenessCheck;
        this.firstReconnectPause = firstReconnectPause;
        this.maxReconnectPause = maxReconnectPause;
    }

    @Override
    public AutoCloseable onNewEvents(Runnable wakeUp) {
        Listener listener = new Listener(wakeUp);
        listener.thread = Thread.ofPlatform().daemon().name("video-events-listener").start(listener::listen);
        return listener;
    }

    private final class Listener implements AutoCloseable {

        private final Runnable wakeUp;
        private volatile boolean running = true;
        private volatile Connection connection;
        private Thread thread;

        Listener(Runnable wakeUp) {
            this.wakeUp = wakeUp;
        }

        void listen() {
            int failures = 0;
            while (running) {
                try (Connection listening = connect()) {
                    connection = listening;
                    try (Statement statement = listening.createStatement()) {
                        statement.execute("LISTEN " + CHANNEL);
                    }
                    if (failures > 0) {
                        LOG.info("listening for video events again after {} failed attempt(s)", failures);
                    }
                    failures = 0;
                    wake();
                    PGConnection postgres = listening.unwrap(PGConnection.class);
                    while (running) {
                        PGNotification[] notifications = postgres.getNotifications((int) livenessCheck.toMillis());
                        if (notifications != null && notifications.length > 0) {
                            wake();
                        } else {
                            try (Statement ping = listening.createStatement()) {
                                ping.execute("SELECT 1");
                            }
                        }
                    }
                } catch (SQLException e) {
                    if (!running) {
                        return;
                    }
                    failures++;
                    Duration pause = pauseAfter(failures);
                    LOG.warn("lost the video events connection ({}); reconnecting in {} ms", e.getMessage(), pause.toMillis());
                    if (!sleep(pause)) {
                        return;
                    }
                } finally {
                    connection = null;
                }
            }
        }

        private void wake() {
            try {
                wakeUp.run();
            } catch (RuntimeException e) {
                LOG.warn("handing out new video events failed; the next wake-up catches up", e);
            }
        }

        private Duration pauseAfter(int failures) {
            Duration pause = firstReconnectPause.multipliedBy(1L << Math.min(failures - 1, 20));
            return pause.compareTo(maxReconnectPause) > 0 ? maxReconnectPause : pause;
        }

        private boolean sleep(Duration pause) {
            try {
                Thread.sleep(pause);
                return running;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private Connection connect() throws SQLException {
            Properties properties = new Properties();
            if (settings.user() != null) {
                properties.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                properties.setProperty("password", settings.password());
            }
            properties.setProperty("ApplicationName", APPLICATION_NAME);
            properties.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(settings.jdbcUrl(), properties);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            Connection open = connection;
            if (open != null) {
                try {
                    // abort, not close: it is meant for another thread, and does not wait for the blocked read to end.
                    open.abort(Runnable::run);
                } catch (SQLException e) {
                    LOG.debug("aborting the video events connection: {}", e.getMessage());
                }
            }
            thread.join(livenessCheck.plusSeconds(5));
        }
    }
}
