package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link WebhookRegistrations} in {@code renderer_webhooks}, each secret sealed with {@link AesGcmSealing} under the
 * row it belongs to: sealed on write, opened on read, never stored or returned otherwise.
 */
final class JdbiWebhookRegistrations implements WebhookRegistrations {

    /** The first key of the advisory locks taken while a webhook is set up (the second is the account's hash). */
    static final int SETUP_LOCKS = 61_002;

    private final Jdbi jdbi;
    private final AesGcmSealing sealing;

    JdbiWebhookRegistrations(Jdbi jdbi, AesGcmSealing sealing) {
        this.jdbi = jdbi;
        this.sealing = sealing;
    }

    @Override
    public <T> T whileSettingUp(RendererAccount account, Supplier<T> work) {
        return jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT pg_advisory_xact_lock(:space, hashtext(:account))")
                    .bind("space", SETUP_LOCKS)
                    .bind("account", account.fingerprint())
                    .mapTo(String.class)
                    .one();
            return work.get();
        });
    }

    @Override
    public Optional<WebhookRegistration> find(RendererAccount account, URI url) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM renderer_webhooks WHERE renderer_account = :account AND url = :url")
                .bind("account", account.fingerprint())
                .bind("url", url.toString())
                .map((rs, ctx) -> registration(rs))
                .findOne());
    }

    @Override
    public void save(WebhookRegistration registration) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO renderer_webhooks (renderer_account, url, endpoint_id, sealed_secret, registered_at)
                        VALUES (:account, :url, :endpoint, :secret, :at)
                        ON CONFLICT (renderer_account, url) DO UPDATE
                           SET endpoint_id = EXCLUDED.endpoint_id, sealed_secret = EXCLUDED.sealed_secret, registered_at = EXCLUDED.registered_at""")
                .bind("account", registration.account().fingerprint())
                .bind("url", registration.url().toString())
                .bind("endpoint", registration.endpointId())
                .bind("secret", sealing.seal(registration.secret().value(), context(registration.account().fingerprint(), registration.url().toString())))
                .bind("at", JdbiVideos.utc(registration.registeredAt()))
                .execute());
    }

    @Override
    public List<WebhookSecret> signingSecrets(RendererAccount account) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM renderer_webhooks WHERE renderer_account = :account ORDER BY registered_at")
                .bind("account", account.fingerprint())
                .map((rs, ctx) -> registration(rs).secret())
                .list());
    }

    private WebhookRegistration registration(ResultSet rs) throws SQLException {
        String account = rs.getString("renderer_account");
        String url = rs.getString("url");
        return new WebhookRegistration(new RendererAccount(account), URI.create(url), rs.getString("endpoint_id"),
                new WebhookSecret(sealing.open(rs.getBytes("sealed_secret"), context(account, url))), JdbiVideos.instant(rs, "registered_at"));
    }

    /** Binds a sealed secret to its row. */
    private static String context(String account, String url) {
        return "renderer_webhooks/" + account + "/" + url;
    }
}
