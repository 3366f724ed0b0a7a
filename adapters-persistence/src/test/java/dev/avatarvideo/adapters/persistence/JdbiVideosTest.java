package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.contract.VideosContract;
import dev.avatarvideo.application.port.out.video.Videos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The repository contract, on a real PostgreSQL. */
class JdbiVideosTest extends VideosContract {

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
    protected Videos newVideos() {
        return database.videos();
    }
}
