package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The summary printed at start names every setting the service reads, with its value in force, and never a secret. */
class ConfigurationSummaryTest {

    private static final Map<String, String> SECRETS = Map.of(
            "DATABASE_PASSWORD", "db-password-0451",
            "HEYGEN_API_KEY", "heygen-key-0451",
            "HEYGEN_WEBHOOK_SECRET", "whsec_operator0451",
            "MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "AWS_ACCESS_KEY_ID", "AKIA0451EXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "aws-secret-0451",
            "FILE_URL_SIGNING_KEY", "file-url-signing-key-0451-0451-0451-0451");

    @Test
    void theSummaryNamesEveryVariableReadWithNothingConfigured() {
        Set<String> read = new LinkedHashSet<>();
        Configuration config = Configuration.fromEnvironment(recording(Map.of(), read));

        String summary = config.summary();

        assertThat(read).isNotEmpty();
        read.forEach(name -> assertThat(summary).as("summary names %s", name).contains("    " + name + "="));
        assertThat(summary).contains("    STORAGE_PROVIDER=filesystem").contains("    HEYGEN_POLL_INTERVAL_MS=30000")
                .contains("    SHUTDOWN_TIMEOUT_MS=30000").contains("    HEYGEN_API_KEY=(unset), the built-in simulator");
    }

    @Test
    void theSummaryNamesEveryVariableReadWithEverythingConfiguredAndMasksEverySecret() {
        Map<String, String> env = new HashMap<>(SECRETS);
        env.putAll(Map.ofEntries(
                Map.entry("PORT", "9000"),
                Map.entry("DATA_DIR", "/var/lib/avatar"),
                Map.entry("PUBLIC_BASE_URL", "https://videos.example.com"),
                Map.entry("DATABASE_URL", "jdbc:postgresql://db:5432/videos?ssl=true&password=inline-0451"),
                Map.entry("DATABASE_USER", "app"),
                Map.entry("HEYGEN_BASE_URL", "http://sim:8090"),
                Map.entry("STORAGE_PROVIDER", "s3"),
                Map.entry("S3_BUCKET", "course-videos"),
                Map.entry("S3_REGION", "eu-central-1"),
                Map.entry("S3_ENDPOINT", "http://minio:9000"),
                Map.entry("S3_FORCE_PATH_STYLE", "true"),
                Map.entry("S3_PUBLIC_URL_BASE", "https://cdn.example.com"),
                Map.entry("S3_CHECKSUMS", "when_required"),
                Map.entry("HEYGEN_PROCESSING_MODE", "hybrid"),
                Map.entry("SHUTDOWN_TIMEOUT_MS", "45000"),
                Map.entry("WEBHOOK_TIMEOUT_MS", "7000")));
        Set<String> read = new LinkedHashSet<>();
        Configuration config = Configuration.fromEnvironment(recording(env, read));

        String summary = config.summary();

        read.forEach(name -> assertThat(summary).as("summary names %s", name).contains("    " + name + "="));
        SECRETS.forEach((name, value) -> {
            assertThat(summary).as("the value of %s", name).doesNotContain(value);
            assertThat(summary).contains("    " + name + "=**** (set)");
        });
        assertThat(summary).doesNotContain("inline-0451").contains("password=****")
                .contains("    S3_BUCKET=course-videos").contains("    HEYGEN_PROCESSING_MODE=hybrid")
                .contains("    SHUTDOWN_TIMEOUT_MS=45000").contains("    WEBHOOK_TIMEOUT_MS=7000");
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aShutdownTimeoutOutOfRangeStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("SHUTDOWN_TIMEOUT_MS", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SHUTDOWN_TIMEOUT_MS");
    }

    /** The environment, remembering every name the configuration asks for. */
    private static Map<String, String> recording(Map<String, String> env, Set<String> read) {
        return new HashMap<>(env) {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return super.get(key);
            }

            @Override
            public String getOrDefault(Object key, String fallback) {
                read.add((String) key);
                return super.getOrDefault(key, fallback);
            }

            @Override
            public boolean containsKey(Object key) {
                read.add((String) key);
                return super.containsKey(key);
            }
        };
    }
}
