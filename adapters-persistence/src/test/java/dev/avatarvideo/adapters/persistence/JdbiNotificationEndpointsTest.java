package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.NotificationEndpointsContract;
import dev.avatarvideo.application.port.out.CallbackSecrets;
import dev.avatarvideo.application.port.out.NotificationEndpoints;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoStatus;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint and callback secret contract on a real PostgreSQL, and what only the database can show: secrets at rest. */
class JdbiNotificationEndpointsTest extends NotificationEndpointsContract {

    private static final SecretsKey KEY = randomKey();
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
    void secretsAreStoredEncryptedAndOpenOnlyWithTheKeyOnTheirOwnRow() {
        TenantId tenant = TenantId.of("sealed");
        SigningSecret secret = SigningSecret.generate();
        NotificationEndpoint endpoint = new NotificationEndpoint(NotificationEndpointId.newId(), tenant,
                NotificationUrl.parse("url", "https://platform.example/a"), Set.of(VideoStatus.READY), Instant.now());
        newEndpoints().add(endpoint, secret);
        newCallbackSecrets().replace(tenant, secret);
        Jdbi raw = Jdbi.create(fixture.connection().dataSource());

        String storedEndpointSecret = raw.withHandle(h -> h.createQuery("SELECT secret_sealed FROM notification_endpoints WHERE id = :id")
                .bind("id", endpoint.id().value()).mapTo(String.class).one());
        String storedCallbackSecret = raw.withHandle(h -> h.createQuery("SELECT secret_sealed FROM callback_secrets WHERE tenant_id = 'sealed'")
                .mapTo(String.class).one());

        String keyText = secret.value().substring(SigningSecret.PREFIX.length());
        assertThat(storedEndpointSecret).startsWith("v1.").doesNotContain(keyText).doesNotContain("whsec_");
        assertThat(storedCallbackSecret).startsWith("v1.").doesNotContain(keyText).isNotEqualTo(storedEndpointSecret);
        assertThatThrownBy(() -> fixture.database().callbackSecrets(randomKey()).find(tenant))
                .hasMessageContaining("SECRETS_ENCRYPTION_KEY").hasMessageNotContaining(keyText);
        raw.useHandle(h -> h.execute("UPDATE callback_secrets SET secret_sealed = ? WHERE tenant_id = 'sealed'", storedEndpointSecret));
        assertThatThrownBy(() -> newCallbackSecrets().find(tenant)).as("a sealed value moved to another row does not open")
                .isInstanceOf(IllegalStateException.class);
    }

    private static SecretsKey randomKey() {
        byte[] key = new byte[SecretsKey.BYTES];
        new SecureRandom().nextBytes(key);
        return SecretsKey.of(key);
    }
}
