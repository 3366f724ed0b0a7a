package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.CallbackSecrets;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link CallbackSecrets} in PostgreSQL, sealed with the service's secrets key. */
final class JdbiCallbackSecrets implements CallbackSecrets {

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    JdbiCallbackSecrets(Jdbi jdbi, SecretSealer sealer) {
        this.jdbi = jdbi;
        this.sealer = sealer;
    }

    static String sealedFor(String tenantId) {
        return "callback_secrets:" + tenantId;
    }

    @Override
    public Optional<SigningSecret> find(TenantId tenantId) {
        return jdbi.withHandle(handle -> read(handle, tenantId));
    }

    @Override
    public SigningSecret findOrAdd(TenantId tenantId, SigningSecret candidate) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO callback_secrets (tenant_id, secret_sealed, created_at) VALUES (:tenantId, :secret, :now)
                            ON CONFLICT (tenant_id) DO NOTHING""")
                    .bind("tenantId", tenantId.value())
                    .bind("secret", sealer.seal(candidate, sealedFor(tenantId.value())))
                    .bind("now", Instant.now().atOffset(ZoneOffset.UTC))
                    .execute();
            return read(handle, tenantId).orElseThrow();
        });
    }

    @Override
    public void replace(TenantId tenantId, SigningSecret secret) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO callback_secrets (tenant_id, secret_sealed, created_at) VALUES (:tenantId, :secret, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, created_at = excluded.created_at""")
                .bind("tenantId", tenantId.value())
                .bind("secret", sealer.seal(secret, sealedFor(tenantId.value())))
                .bind("now", Instant.now().atOffset(ZoneOffset.UTC))
                .execute());
    }

    private Optional<SigningSecret> read(Handle handle, TenantId tenantId) {
        return handle.createQuery("SELECT secret_sealed FROM callback_secrets WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value())
                .mapTo(String.class)
                .findOne()
                .map(sealed -> sealer.open(sealed, sealedFor(tenantId.value())));
    }
}
