package dev.avatarvideo.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void everyFreshDatabaseIsARealEmptyPostgresOfItsOwn() throws Exception {
        TestPostgres.Database first = TestPostgres.freshDatabase();
        TestPostgres.Database second = TestPostgres.freshDatabase();

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (Connection connection = first.dataSource().getConnection()) {
            connection.createStatement().execute("CREATE TABLE marker (id int)");
        }
        try (Connection connection = second.dataSource().getConnection();
             ResultSet tables = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'");
             ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
            version.next();
            assertThat(version.getString(1)).matches("\\d+\\..*");
        }
    }

    @Test
    void replacesOnlyTheDatabaseNameInAJdbcUrl() {
        assertThat(TestPostgres.withDatabaseName("jdbc:postgresql://db.example:6543/app?sslmode=require", "test_x"))
                .isEqualTo("jdbc:postgresql://db.example:6543/test_x?sslmode=require");
        assertThat(TestPostgres.withDatabaseName("jdbc:postgresql://localhost:5432/postgres", "t"))
                .isEqualTo("jdbc:postgresql://localhost:5432/t");
    }
}
