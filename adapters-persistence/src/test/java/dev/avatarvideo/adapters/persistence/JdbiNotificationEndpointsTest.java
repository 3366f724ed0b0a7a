package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.NotificationEndpointsContract;
import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.application.port.out.notification.NotificationEndpoints;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint and callback secret contract on a real PostgreSQL, and what only the database can show: secrets at rest. */
class JdbiNotificationEndpointsTest extends NotificationEndpointsContract {

    private static final AesGcmSealing KEY = DatabaseForTests.randomSealing();
    private static DatabaseForTests fixture;

    @BeforeAll
    static void connect() {
        fixture = DatabaseForTests.migrated();
    }

    @AfterAll
    static void disconnect() {
        fixture.database().close();
    }

    @Override
    protected NotificationEndpoints newEndpoints() {
        return fixture.database().notificationEndpoints(KEY);
    }

    @Override
    protected CallbackSecrets newCallbackSecrets() {
        return fixture.database().callbackSecrets(KEY);
    }

    @Test
    void secretsAreStoredSealedAndOpenOnlyWithTheMasterKeyOnTheirOwnRow() {
        TenantId tenant = TenantId.of("sealed");
        SigningSecret secret = SigningSecret.generate();
        NotificationEndpoint endpoint = new NotificationEndpoint(NotificationEndpointId.newId(), tenant,
                NotificationUrl.parse("url", "https://platform.example/a"), Set.of(VideoStatus.READY), Instant.now());
        newEndpoints().add(endpoint, secret);
        newCallbackSecrets().replace(tenant, secret);
        Jdbi raw = Jdbi.create(fixture.connection().dataSource());

        byte[] storedEndpointSecret = raw.withHandle(h -> h.createQuery("SELECT sealed_secret FROM notification_endpoints WHERE id = :id")
                .bind("id", endpoint.id().value()).mapTo(byte[].class).one());
        byte[] storedCallbackSecret = raw.withHandle(h -> h.createQuery("SELECT sealed_secret FROM callback_secrets WHERE tenant_id = 'sealed'")
                .mapTo(byte[].class).one());

        String keyText = secret.value().substring(SigningSecret.PREFIX.length());
        assertThat(new String(storedEndpointSecret, StandardCharsets.ISO_8859_1)).doesNotContain(keyText).doesNotContain("whsec_");
        assertThat(new String(storedCallbackSecret, StandardCharsets.ISO_8859_1)).doesNotContain(keyText);
        assertThat(storedCallbackSecret).isNotEqualTo(storedEndpointSecret);
        AesGcmSealing otherKey = DatabaseForTests.randomSealing();
        assertThatThrownBy(() -> fixture.database().callbackSecrets(otherKey).find(tenant))
                .isInstanceOf(AesGcmSealing.SealedWithAnotherKeyException.class)
                .hasMessageContaining("master key " + KEY.keyId()).hasMessageNotContaining(keyText);
        raw.useHandle(h -> h.createUpdate("UPDATE callback_secrets SET sealed_secret = :moved WHERE tenant_id = 'sealed'")
                .bind("moved", storedEndpointSecret).execute());
        assertThatThrownBy(() -> newCallbackSecrets().find(tenant)).as("a sealed value moved to another row does not open")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs elsewhere");
        newCallbackSecrets().replace(tenant, secret);
    }

    @Test
    void aDatabaseHoldingSecretsSealedUnderAnotherMasterKeyIsRefusedBeforeAnythingIsOpened() {
        PostgresDatabase database = DatabaseForTests.migrated().database();
        try {
            AesGcmSealing otherKey = DatabaseForTests.randomSealing();
            database.requireSecretsSealedWith(otherKey);
            database.callbackSecrets(KEY).findOrAdd(TenantId.of("checked"), SigningSecret.generate());

            database.requireSecretsSealedWith(KEY);
            assertThatThrownBy(() -> database.requireSecretsSealedWith(otherKey))
                    .isInstanceOf(AesGcmSealing.SealedWithAnotherKeyException.class)
                    .hasMessageContaining("callback_secrets").hasMessageContaining(KEY.keyId()).hasMessageContaining(otherKey.keyId());
        } finally {
            database.close();
        }
    }
}
