package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.RendererAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.WebhookRegistrationsContract;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations.WebhookRegistration;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registrations' contract on a real PostgreSQL, and what the database holds of a secret: only its sealed form. */
class JdbiWebhookRegistrationsTest extends WebhookRegistrationsContract {

    private static final AesGcmSealing SEALING = AesGcmSealing.withBase64Key(Base64.getEncoder().encodeToString(new byte[32]));
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
    protected WebhookRegistrations newRegistrations() {
        return fixture.database().webhookRegistrations(SEALING);
    }

    @Test
    void theDatabaseHoldsTheSecretSealedNeverAsText() {
        String secret = "whsec_do_not_store_me_" + System.nanoTime();
        URI url = URI.create("https://sealed.example/webhooks/heygen");
        newRegistrations().save(new WebhookRegistration(new RendererAccount("5ea1ed5ea1ed"), url, "ep_s", new WebhookSecret(secret), Instant.now()));

        byte[] stored = Jdbi.create(fixture.connection().dataSource()).withHandle(handle -> handle.createQuery(
                        "SELECT sealed_secret FROM renderer_webhooks WHERE renderer_account = '5ea1ed5ea1ed'")
                .mapTo(byte[].class).one());

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret).doesNotContain("whsec_");
        assertThat(stored.length).isGreaterThan(secret.length());
    }

    @Test
    void anotherMasterKeyCannotOpenTheSecretsAndSaysWhy() {
        newRegistrations().save(new WebhookRegistration(new RendererAccount("ae7edae7edae"), URI.create("https://keyed.example/h"), "ep_k",
                new WebhookSecret("whsec_keyed"), Instant.now()));
        byte[] other = new byte[32];
        other[0] = 1;
        WebhookRegistrations withOtherKey = fixture.database().webhookRegistrations(AesGcmSealing.withBase64Key(Base64.getEncoder().encodeToString(other)));

        assertThatThrownBy(() -> withOtherKey.signingSecrets(new RendererAccount("ae7edae7edae"))).isInstanceOf(AesGcmSealing.SealedWithAnotherKeyException.class)
                .hasMessageContaining("master key");
    }
}
