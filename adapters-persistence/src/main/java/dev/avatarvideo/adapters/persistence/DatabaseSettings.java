package dev.avatarvideo.adapters.persistence;

import java.util.Objects;

/**
 * Where the PostgreSQL database is. The password is a secret and never printed (see {@link #toString()}).
 *
 * @param jdbcUrl a {@code jdbc:postgresql://} URL
 * @param maxPoolSize connections kept open at most
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("expected a jdbc:postgresql: URL");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=****, maxPoolSize=" + maxPoolSize + "]";
    }
}
