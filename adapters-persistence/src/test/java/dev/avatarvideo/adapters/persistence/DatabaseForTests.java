package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.testsupport.TestPostgres;

/** A migrated database of its own for a test class, on the shared test PostgreSQL server. */
record DatabaseForTests(PostgresDatabase database, TestPostgres.Database connection) {

    static DatabaseForTests migrated() {
        TestPostgres.Database connection = TestPostgres.freshDatabase();
        return new DatabaseForTests(PostgresDatabase.connect(
                new DatabaseSettings(connection.jdbcUrl(), connection.user(), connection.password(), 4)), connection);
    }
}
