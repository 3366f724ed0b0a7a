package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.testsupport.TestPostgres;
import java.security.SecureRandom;

/** A migrated database of its own for a test class, on the shared test PostgreSQL server. */
record DatabaseForTests(PostgresDatabase database, TestPostgres.Database connection) {

    /** A master key of its own, as an installation generates one. */
    static AesGcmSealing randomSealing() {
        byte[] key = new byte[AesGcmSealing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return AesGcmSealing.withKey(key);
    }

    static DatabaseForTests migrated() {
        TestPostgres.Database connection = TestPostgres.freshDatabase();
        return new DatabaseForTests(PostgresDatabase.connect(
                new DatabaseSettings(connection.jdbcUrl(), connection.user(), connection.password(), 4)), connection);
    }
}
