package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.contract.VideoWorkContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The work queues' contract on a real PostgreSQL, a fresh database per test (the queues look at every video). */
class JdbiVideoWorkTest extends VideoWorkContract {

    private final List<PostgresDatabase> opened = new ArrayList<>();

    @Override
    protected Work newWork() {
        PostgresDatabase database = DatabaseForTests.migrated().database();
        opened.add(database);
        WorkerLeases leases = database.leases(Duration.ofMinutes(1));
        return new Work(database.videos(), database.submissionQueue(leases), database.renderChecks(leases), database.ingestQueue(leases),
                database.renderEventInbox(), database.videoStatistics());
    }

    @AfterEach
    void disconnect() {
        opened.forEach(PostgresDatabase::close);
    }
}
