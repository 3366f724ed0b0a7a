package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.domain.ProcessingMode;
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
        assertThat(config.tracking().mode()).as("the simulator in this process calls the webhook here").isEqualTo(ProcessingMode.HYBRID);
        assertThat(config.bindAddress()).as("a developer's machine: not open to the network").isEqualTo("127.0.0.1");
        assertThat(config.tracking().firstCheck()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.tracking().maxInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.tracking().webhookOverdue()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.tracking().renderDeadline()).isEqualTo(Duration.ofHours(2));
        assertThat(config.tracking().rendersPerKey()).isEqualTo(10);
        assertThat(config.tracking().leaseLength()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.tracking().webhookSecret()).isEmpty();
        assertThat(config.webhookUrl()).contains(URI.create("http://localhost:8080/webhooks/heygen"));
        assertThat(config.webhookUrlFor(41234)).contains(URI.create("http://localhost:41234/webhooks/heygen"));
        assertThat(config.masterKey()).isEmpty();
        assertThat(config.masterKeyFile()).isEqualTo(config.dataDir().resolve("master.key"));
    }

    @Test
    void readsEverySettingByItsDocumentedName() {
        Configuration config = Configuration.fromEnvironment(Map.ofEntries(
                Map.entry("PORT", "9000"),
                Map.entry("DATA_DIR", "/var/lib/avatar"),
                Map.entry("PUBLIC_BASE_URL", "https://videos.example.com"),
                Map.entry("DATABASE_URL", "jdbc:postgresql://db:5432/videos"),
                Map.entry("DATABASE_USER", "app"),
                Map.entry("DATABASE_PASSWORD", "s3cret"),
                Map.entry("HEYGEN_API_KEY", "hg-key"),
                Map.entry("HEYGEN_BASE_URL", "http://sim:8090"),
                Map.entry("STORAGE_PROVIDER", "filesystem"),
                Map.entry("HEYGEN_POLL_INTERVAL_MS", "2000"),
                Map.entry("HEYGEN_POLL_MAX_INTERVAL_MS", "60000"),
                Map.entry("HEYGEN_WEBHOOK_OVERDUE_MS", "900000"),
                Map.entry("HEYGEN_RENDER_DEADLINE_MS", "3600000"),
                Map.entry("HEYGEN_MAX_RENDERS_PER_KEY", "25"),
                Map.entry("WORK_LEASE_MS", "20000")));

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
        assertThat(config.tracking().firstCheck()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.tracking().maxInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.tracking().webhookOverdue()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.tracking().renderDeadline()).isEqualTo(Duration.ofHours(1));
        assertThat(config.tracking().rendersPerKey()).isEqualTo(25);
        assertThat(config.tracking().leaseLength()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void webhookAndHybridModesSendHeyGenToThePublicAddress() {
        Configuration hybrid = Configuration.fromEnvironment(Map.of("HEYGEN_PROCESSING_MODE", "hybrid",
                "PUBLIC_BASE_URL", "https://videos.example.com/avatar/"));
        Configuration webhook = Configuration.fromEnvironment(Map.of("HEYGEN_PROCESSING_MODE", "WEBHOOK",
                "PUBLIC_BASE_URL", "https://videos.example.com", "HEYGEN_WEBHOOK_SECRET", "whsec_operator",
                "MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));

        assertThat(hybrid.tracking().mode()).isEqualTo(ProcessingMode.HYBRID);
        assertThat(hybrid.webhookUrl()).contains(URI.create("https://videos.example.com/avatar/webhooks/heygen"));
        assertThat(webhook.tracking().mode()).isEqualTo(ProcessingMode.WEBHOOK);
        assertThat(webhook.webhookUrl()).contains(URI.create("https://videos.example.com/webhooks/heygen"));
        assertThat(webhook.tracking().webhookSecret()).hasValueSatisfying(s -> assertThat(s.value()).isEqualTo("whsec_operator"));
        assertThat(webhook.masterKey()).isPresent();
        assertThat(webhook.summary()).contains("webhook").contains("/webhooks/heygen").doesNotContain("whsec_operator");
    }

    @Test
    void theRealHeyGenKeepsItsDefaults_pollingAndEveryInterface() {
        Configuration config = Configuration.fromEnvironment(Map.of("HEYGEN_API_KEY", "key"));

        assertThat(config.tracking().mode()).isEqualTo(ProcessingMode.POLLING);
        assertThat(config.tracking().firstCheck()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.webhookUrl()).isEmpty();
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(Configuration.fromEnvironment(Map.of("HEYGEN_API_KEY", "key", "BIND_ADDRESS", "127.0.0.1")).bindAddress()).isEqualTo("127.0.0.1");
        assertThat(Configuration.fromEnvironment(Map.of("BIND_ADDRESS", "0.0.0.0")).bindAddress()).isEqualTo("0.0.0.0");
        assertThat(Configuration.fromEnvironment(Map.of("HEYGEN_PROCESSING_MODE", "polling")).tracking().mode()).isEqualTo(ProcessingMode.POLLING);
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("BIND_ADDRESS", "no such host.invalid")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("BIND_ADDRESS must be an address of this machine");
    }

    @Test
    void webhookModesWithoutAPublicAddressAreRefusedNamingWhatIsMissing() {
        for (String mode : new String[] {"webhook", "hybrid"}) {
            assertThat(Configuration.fromEnvironment(Map.of("HEYGEN_PROCESSING_MODE", mode)).webhookUrl())
                    .as("the built-in simulator reaches this machine").contains(URI.create("http://localhost:8080/webhooks/heygen"));
            assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("HEYGEN_PROCESSING_MODE", mode, "HEYGEN_API_KEY", "key")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("HEYGEN_PROCESSING_MODE=" + mode + " needs PUBLIC_BASE_URL")
                    .hasMessageContaining("/webhooks/heygen")
                    .hasMessageContaining("polling");
        }
    }

    @Test
    void trackingSettingsThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("HEYGEN_PROCESSING_MODE", "push")))
                .hasMessageContaining("HEYGEN_PROCESSING_MODE must be webhook, polling or hybrid").hasMessageContaining("push");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("HEYGEN_WEBHOOK_SECRET", "whsec_x", "HEYGEN_API_KEY", "key")))
                .hasMessageContaining("HEYGEN_WEBHOOK_SECRET is set but HEYGEN_PROCESSING_MODE is polling");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("HEYGEN_POLL_INTERVAL_MS", "60000", "HEYGEN_POLL_MAX_INTERVAL_MS", "1000")))
                .hasMessageContaining("HEYGEN_POLL_MAX_INTERVAL_MS");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("HEYGEN_MAX_RENDERS_PER_KEY", "0")))
                .hasMessageContaining("HEYGEN_MAX_RENDERS_PER_KEY");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("MASTER_KEY", "c2hvcnQ=")))
                .hasMessageContaining("MASTER_KEY must be 32 random bytes").hasMessageContaining("5 bytes").hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("MASTER_KEY", "***")))
                .hasMessageContaining("not base64");
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

    @Test
    void readsTheS3SettingsByTheirDocumentedNames() {
        Configuration config = Configuration.fromEnvironment(Map.of(
                "STORAGE_PROVIDER", "s3",
                "S3_BUCKET", "videos",
                "S3_REGION", "auto",
                "S3_ENDPOINT", "https://account.r2.cloudflarestorage.com",
                "S3_FORCE_PATH_STYLE", "false",
                "S3_PUBLIC_URL_BASE", "https://videos.example.com",
                "S3_CHECKSUMS", "when_supported",
                "AWS_ACCESS_KEY_ID", "key-id",
                "AWS_SECRET_ACCESS_KEY", "aws-secret-789"));

        assertThat(config.storageProvider()).isEqualTo(Configuration.StorageProvider.S3);
        assertThat(config.s3()).hasValueSatisfying(s3 -> {
            assertThat(s3.bucket()).isEqualTo("videos");
            assertThat(s3.region()).isEqualTo("auto");
            assertThat(s3.endpoint()).contains(URI.create("https://account.r2.cloudflarestorage.com"));
            assertThat(s3.forcePathStyle()).isFalse();
            assertThat(s3.publicUrlBase()).contains(URI.create("https://videos.example.com"));
            assertThat(s3.checksumsOnlyWhenRequired()).isFalse();
            assertThat(s3.credentials()).hasValueSatisfying(key -> {
                assertThat(key.id()).isEqualTo("key-id");
                assertThat(key.secret().value()).isEqualTo("aws-secret-789");
            });
        });
        assertThat(config.summary()).contains("s3, bucket videos").doesNotContain("aws-secret-789");
        assertThat(config.toString()).doesNotContain("aws-secret-789");
    }

    @Test
    void s3DefaultsSuitAwsWithoutAnEndpointAndCompatibleServersWithOne() {
        Configuration aws = Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3", "S3_BUCKET", "videos", "AWS_REGION", "eu-central-1"));
        Configuration minio = Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3", "S3_BUCKET", "videos", "S3_ENDPOINT", "http://minio:9000"));

        assertThat(aws.s3()).hasValueSatisfying(s3 -> {
            assertThat(s3.region()).isEqualTo("eu-central-1");
            assertThat(s3.forcePathStyle()).isFalse();
            assertThat(s3.checksumsOnlyWhenRequired()).isFalse();
            assertThat(s3.publicUrlBase()).isEmpty();
            assertThat(s3.credentials()).as("left to the AWS default chain").isEmpty();
        });
        assertThat(minio.s3()).hasValueSatisfying(s3 -> {
            assertThat(s3.region()).isEqualTo("us-east-1");
            assertThat(s3.forcePathStyle()).isTrue();
            assertThat(s3.checksumsOnlyWhenRequired()).isTrue();
        });
        assertThat(Configuration.fromEnvironment(Map.of()).s3()).isEmpty();
    }

    @Test
    void wrongStorageSettingsAreRefusedWithWhatWouldBeRight() {
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3"))).hasMessageContaining("S3_BUCKET");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("S3_BUCKET", "videos"))).hasMessageContaining("STORAGE_PROVIDER=s3");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3", "S3_BUCKET", "videos")))
                .hasMessageContaining("S3_REGION is required");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3", "S3_BUCKET", "my bucket!", "S3_REGION", "x")))
                .hasMessageContaining("S3_BUCKET must be");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3", "S3_BUCKET", "v1", "S3_ENDPOINT", "minio:9000")))
                .hasMessageContaining("S3_ENDPOINT").hasMessageContaining("http://");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3", "S3_BUCKET", "v1", "S3_REGION", "x", "S3_FORCE_PATH_STYLE", "yes")))
                .hasMessageContaining("S3_FORCE_PATH_STYLE must be true or false");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3", "S3_BUCKET", "v1", "S3_REGION", "x", "S3_CHECKSUMS", "always")))
                .hasMessageContaining("when_required");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("STORAGE_PROVIDER", "s3", "S3_BUCKET", "v1", "S3_REGION", "x", "AWS_ACCESS_KEY_ID", "k")))
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("FILE_URL_SIGNING_KEY", "short-secret")))
                .hasMessageContaining("FILE_URL_SIGNING_KEY must be at least 32").hasMessageNotContaining("short-secret");
    }

    @Test
    void theFileUrlSigningKeyIsKeptOutOfEveryPrintout() {
        String key = "k".repeat(48);
        Configuration config = Configuration.fromEnvironment(Map.of("FILE_URL_SIGNING_KEY", key));

        assertThat(config.fileUrlSigningKey()).hasValueSatisfying(secret -> assertThat(secret.value()).isEqualTo(key));
        assertThat(config.toString()).doesNotContain(key);
        assertThat(config.summary()).doesNotContain(key).contains("FILE_URL_SIGNING_KEY");
        assertThat(Configuration.fromEnvironment(Map.of("DATA_DIR", "/srv/avatar")).signingKeyFile()).isEqualTo(Path.of("/srv/avatar/file-url-signing.key"));
    }

    @Test
    void topicUploadsSweeperAndIngestRetriesHaveSafeDefaults() {
        Configuration config = Configuration.fromEnvironment(Map.of("DATA_DIR", "/var/lib/avatar"));

        assertThat(config.topicUploads().maxContents()).isEqualTo(200);
        assertThat(config.topicUploads().maxFileBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(config.topicUploads().maxRequestBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(config.topicUploads().directory()).isEqualTo(Path.of("/var/lib/avatar/uploads"));
        assertThat(config.sweeper().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.sweeper().gracePeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(config.ingest().firstDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.ingest().maxDelay()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.ingest().parallelCopies()).isEqualTo(4);
        assertThat(config.summary()).contains("at most 200 contents").contains("every 60000 ms").contains("ingest:   up to 4 copies at once")
                .contains("INGEST_PARALLEL_COPIES=4");
    }

    @Test
    void readsTheTopicUploadSweeperAndRetrySettings() {
        Configuration config = Configuration.fromEnvironment(Map.of(
                "TOPIC_MAX_CONTENTS", "50",
                "TOPIC_MAX_FILE_BYTES", "3000000000",
                "UPLOAD_MAX_REQUEST_BYTES", "6000000000",
                "UPLOAD_TEMP_DIR", "/tmp/avatar-uploads",
                "SWEEPER_INTERVAL_MS", "15000",
                "SWEEPER_GRACE_PERIOD_MS", "7200000",
                "INGEST_PARALLEL_COPIES", "2",
                "INGEST_RETRY_FIRST_DELAY_MS", "1000",
                "INGEST_RETRY_MAX_DELAY_MS", "60000"));

        assertThat(config.topicUploads()).isEqualTo(new Configuration.TopicUploads(50, 3_000_000_000L, 6_000_000_000L, Path.of("/tmp/avatar-uploads")));
        assertThat(config.sweeper()).isEqualTo(new Configuration.Sweeper(Duration.ofSeconds(15), Duration.ofHours(2)));
        assertThat(config.ingest()).isEqualTo(new Configuration.Ingest(2, Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }

    @Test
    void refusesTopicAndSweeperSettingsThatCannotWork() {
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("TOPIC_MAX_CONTENTS", "1000"))).hasMessageContaining("TOPIC_MAX_CONTENTS").hasMessageContaining("1 to 500");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("TOPIC_MAX_FILE_BYTES", "0"))).hasMessageContaining("TOPIC_MAX_FILE_BYTES");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("TOPIC_MAX_FILE_BYTES", "10", "UPLOAD_MAX_REQUEST_BYTES", "5")))
                .hasMessageContaining("must not exceed UPLOAD_MAX_REQUEST_BYTES");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("SWEEPER_GRACE_PERIOD_MS", "10"))).hasMessageContaining("SWEEPER_GRACE_PERIOD_MS");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("SWEEPER_INTERVAL_MS", "soon"))).hasMessageContaining("SWEEPER_INTERVAL_MS");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("INGEST_PARALLEL_COPIES", "0"))).hasMessageContaining("INGEST_PARALLEL_COPIES")
                .hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("INGEST_RETRY_FIRST_DELAY_MS", "60000", "INGEST_RETRY_MAX_DELAY_MS", "1000")))
                .hasMessageContaining("INGEST_RETRY_MAX_DELAY_MS");
    }
}
