package dev.avatarvideo.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.adapters.persistence.AesGcmSealing;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of live status and outbound notifications, and the master key that seals their secrets with all others. */
class LiveStatusAndNotificationSettingsTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @TempDir
    Path dataDir;

    @Test
    void defaultsKeepStreamsAliveEveryFifteenSecondsAndRetryDeliveriesForADay() {
        Configuration.Notifications notifications = Configuration.fromEnvironment(Map.of()).notifications();

        assertThat(notifications.sseKeepAlive()).isEqualTo(Duration.ofSeconds(15));
        assertThat(notifications.webhookTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(notifications.webhookRetryFirstDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(notifications.webhookRetryMaxDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(notifications.webhookGiveUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(notifications.webhookPollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(notifications.receivers()).isEqualTo(ReceiverAddressPolicy.publicOnly());
    }

    @Test
    void readsEachSettingByItsDocumentedName() {
        Configuration config = Configuration.fromEnvironment(Map.of("SSE_KEEP_ALIVE_MS", "5000", "WEBHOOK_TIMEOUT_MS", "3000",
                "WEBHOOK_RETRY_FIRST_DELAY_MS", "1000", "WEBHOOK_RETRY_MAX_DELAY_MS", "60000", "WEBHOOK_GIVE_UP_AFTER_MS", "7200000",
                "WEBHOOK_POLL_INTERVAL_MS", "250", "MASTER_KEY", KEY, "NOTIFICATION_ALLOWED_HOSTS", "hooks.internal, 10.0.4.7"));

        assertThat(config.notifications()).isEqualTo(new Configuration.Notifications(Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofMillis(250),
                ReceiverAddressPolicy.allowing("hooks.internal,10.0.4.7")));
        assertThat(config.settings()).containsEntry("NOTIFICATION_ALLOWED_HOSTS", "hooks.internal,10.0.4.7");
        assertThat(config.masterKey()).hasValueSatisfying(secret -> assertThat(secret.value()).isEqualTo(KEY));
        assertThat(config.summary()).contains("sealed with MASTER_KEY").doesNotContain(KEY);
    }

    @Test
    void refusesWrongValuesNamingTheVariable() {
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("MASTER_KEY", "too-short")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MASTER_KEY").hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("WEBHOOK_RETRY_FIRST_DELAY_MS", "5000", "WEBHOOK_RETRY_MAX_DELAY_MS", "1000")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WEBHOOK_RETRY_MAX_DELAY_MS");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("SSE_KEEP_ALIVE_MS", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SSE_KEEP_ALIVE_MS");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("WEBHOOK_GIVE_UP_AFTER_MS", "soon")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("WEBHOOK_GIVE_UP_AFTER_MS");
        assertThatThrownBy(() -> Configuration.fromEnvironment(Map.of("NOTIFICATION_ALLOWED_HOSTS", "hooks.internal, http://10.0.0.1/")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NOTIFICATION_ALLOWED_HOSTS").hasMessageContaining("'http://10.0.0.1/'");
    }

    @Test
    void withoutAConfiguredMasterKeyOneIsMadeOnceKeptOwnerOnlyAndReused() throws Exception {
        Configuration config = Configuration.fromEnvironment(Map.of("DATA_DIR", dataDir.toString()));
        Path keyFile = config.masterKeyFile();
        assertThat(config.summary()).contains("sealed with the master key in " + keyFile);

        AesGcmSealing first = Persistence.sealing(config);
        AesGcmSealing again = Persistence.sealing(config);

        assertThat(again.open(first.seal("whsec_kept", "callback_secrets/t"), "callback_secrets/t")).isEqualTo("whsec_kept");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Files.writeString(keyFile, "not base64 at all!");
        assertThatThrownBy(() -> Persistence.sealing(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(keyFile.toString()).hasMessageContaining("damaged").hasMessageContaining("MASTER_KEY");
    }

    @Test
    void aConfiguredMasterKeyIsUsedAndNoKeyFileIsMade() {
        Configuration config = Configuration.fromEnvironment(Map.of("DATA_DIR", dataDir.toString(), "MASTER_KEY", KEY));

        byte[] sealed = Persistence.sealing(config).seal("whsec_kept", "ctx");

        assertThat(AesGcmSealing.withBase64Key(KEY).open(sealed, "ctx")).isEqualTo("whsec_kept");
        assertThat(config.masterKeyFile()).doesNotExist();
    }
}
