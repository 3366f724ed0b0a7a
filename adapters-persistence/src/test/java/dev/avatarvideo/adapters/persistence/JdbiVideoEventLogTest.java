package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.contract.VideoEventLogContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event log contract on a real PostgreSQL, where the triggers on avatar_videos write it. */
class JdbiVideoEventLogTest extends VideoEventLogContract {

    private static PostgresDatabase database;

    @BeforeAll
    static void connect() {
        database = DatabaseForTests.migrated().database();
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Override
    protected Log newLog() {
        return new Log(database.videos(), database.videoEvents(), database.transactions());
    }
}
