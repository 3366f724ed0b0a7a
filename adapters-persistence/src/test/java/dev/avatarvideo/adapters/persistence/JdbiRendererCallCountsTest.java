package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.contract.RendererCallCountsContract;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class JdbiRendererCallCountsTest extends RendererCallCountsContract {

    private final List<PostgresDatabase> opened = new ArrayList<>();

    @Override
    protected RendererCallCounts newCounts() {
        PostgresDatabase database = DatabaseForTests.migrated().database();
        opened.add(database);
        return database.rendererCallCounts();
    }

    @AfterEach
    void disconnect() {
        opened.forEach(PostgresDatabase::close);
    }
}
