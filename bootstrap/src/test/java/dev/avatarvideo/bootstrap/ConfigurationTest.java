package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    @Test
    void nothingConfiguredMeansEverythingEmbedded() {
        Configuration config = Configuration.fromEnvironment(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(config.database()).isEmpty();
        assertThat(config.usesSimulator()).isTrue();
        assertThat(config.storageProvider()).isEqualTo(Configuration.StorageProvider.FILESYSTEM);
        assertThat(config.publicBaseUrlFor(8080)).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsEverySettingByItsDocumentedName() {
        Configuration config = Configuration.fromEnvironment(Map.of(
                "PORT", "9000",
                "DATA_DIR", "/var/lib/avatar",
                "PUBLIC_BASE_URL", "https://videos.example.com",
                "DATABASE_URL", "jdbc:postgresql://db:5432/videos",
                "DATABASE_USER", "app",
                "DATABASE_PASSWORD", "s3cret",
                "HEYGEN_API_KEY", "hg-key",
                "HEYGEN_BASE_URL", "http://sim:8090",
                "STORAGE_PROVIDER", "filesystem",
                "HEYGEN_POLL_INTERVAL_MS", "2000"));

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/avatar"));
        assertThat(config.publicBaseUrlFor(9000)).isEqualTo(URI.create("https://videos.example.com"));
        assertThat(config.database()).hasValueSatisfying(db -> {
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/videos");
            assertThat(db.user()).isEqualTo("app");
            assertThat(db.password()).isEqualTo("s3cret");
        });
        assertThat(config.heygen()).hasValueSatisfying(h -> {
            assertThat(h.baseUrl()).isEqualTo(URI.create("http://sim:8090"));
            assertThat(h.apiKey()).isEqualTo("hg-key");
        });
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void acceptsTheDatabaseUrlFormHostingProvidersHandOut() {
        Configuration config = Configuration.fromEnvironment(Map.of("DATABASE_URL", "postgres://app:p%40ss@db.example:6543/videos?sslmode=require"));

        assertThat(config.database()).hasValueSatisfying(db -> {
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/videos?sslmode=require");
            assertThat(db.user()).isEqualTo("app");
            assertThat(db.password()).isEqualTo("p@ss");
        });
    }

    @Test
    void theRealHeyGenIsTheDefaultAddressOnceAKeyIsGiven() {
        assertThat(Configuration.fromEnvironment(Map.of("HEYGEN_API_KEY", "k")).heygen())
                .hasValueSatisfying(h -> assertThat(h.baseUrl()).isEqualTo(URI.create("https://api.heygen.com")));
    }

    @Test
    void wrongValuesAreRefusedWithWhatWouldBeRight() {
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("PORT", "eighty"))).hasMessageContaining("PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("PORT", "70000"))).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "ftp"))).hasMessageContaining("'filesystem' or 's3'");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("PUBLIC_BASE_URL", "localhost:8080"))).hasMessageContaining("http://");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("DATABASE_URL", "mysql://x"))).hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("HEYGEN_BASE_URL", "http://sim:8090"))).hasMessageContaining("HEYGEN_API_KEY");
    }

    @Test
    void secretsNeverAppearInTheSummaryOrToString() {
        Configuration config = Configuration.fromEnvironment(Map.of(
                "DATABASE_URL", "jdbc:postgresql://db/videos", "DATABASE_PASSWORD", "db-password-123",
                "HEYGEN_API_KEY", "heygen-key-456"));

        assertThat(config.summary()).doesNotContain("db-password-123").doesNotContain("heygen-key-456");
        assertThat(config.toString()).doesNotContain("db-password-123").doesNotContain("heygen-key-456");
    }
}
