package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link CallbackSecrets} in PostgreSQL, each secret sealed with the master key ({@link AesGcmSealing}) and bound to its tenant's row. */
final class JdbiCallbackSecrets implements CallbackSecrets {

    private final Jdbi jdbi;
    private final AesGcmSealing sealing;

    JdbiCallbackSecrets(Jdbi jdbi, AesGcmSealing sealing) {
        this.jdbi = jdbi;
        this.sealing = sealing;
    }

    /** What a sealed callback secret is bound to, so it opens only on its own row. */
    static String context(String tenantId) {
        return "callback_secrets/" + tenantId;
    }

    @Override
    public Optional<SigningSecret> find(TenantId tenantId) {
        return jdbi.withHandle(handle -> read(handle, tenantId));
    }

    @Override
    public SigningSecret findOrAdd(TenantId tenantId, SigningSecret candidate) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO callback_secrets (tenant_id, sealed_secret, created_at) VALUES (:tenantId, :secret, :now)
                            ON CONFLICT (tenant_id) DO NOTHING""")
                    .bind("tenantId", tenantId.value())
                    .bind("secret", sealing.seal(candidate.value(), context(tenantId.value())))
                    .bind("now", Instant.now().atOffset(ZoneOffset.UTC))
                    .execute();
            return read(handle, tenantId).orElseThrow();
        });
    }

    @Override
    public void replace(TenantId tenantId, SigningSecret secret) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO callback_secrets (tenant_id, sealed_secret, created_at) VALUES (:tenantId, :secret, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET sealed_secret = excluded.sealed_secret, created_at = excluded.created_at""")
                .bind("tenantId", tenantId.value())
                .bind("secret", sealing.seal(secret.value(), context(tenantId.value())))
                .bind("now", Instant.now().atOffset(ZoneOffset.UTC))
                .execute());
    }

    private Optional<SigningSecret> read(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT sealed_secret FROM callback_secrets WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value())
                .mapTo(byte[].class)
                .findOne()
                .map(sealed -> new SigningSecret(sealing.open(sealed, context(tenantId.value()))));
    }
}
