package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.contract.VideoWaitsContract;
import dev.avatarvideo.application.port.out.video.VideoWaits;
import dev.avatarvideo.application.port.out.video.Videos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The waiting reasons' contract, on a real PostgreSQL: the rows outlive the instance that wrote them. */
class JdbiVideoWaitsTest extends VideoWaitsContract {

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

    @Override
    protected VideoWaits waitsOf(Videos videos) {
        return database.videoWaits();
    }
}
