package dev.avatarvideo.adapters.persistence;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated database of its own for each call, closed after the test: for contracts whose listings see everything in
 * the database, so no test may see another's rows.
 */
final class FreshDatabases implements AfterEachCallback {

    private final List<DatabaseForTests> opened = new ArrayList<>();

    DatabaseForTests open() {
        DatabaseForTests fixture = DatabaseForTests.migrated();
        opened.add(fixture);
        return fixture;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(fixture -> fixture.database().close());
        opened.clear();
    }
}
