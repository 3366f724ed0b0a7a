package dev.avatarvideo.application.port.out.notification;

import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import java.util.Optional;

/** Each tenant's secret for signing the calls to the {@code callbackUrl}s given with single requests. Kept encrypted. */
public interface CallbackSecrets {

    Optional<SigningSecret> find(TenantId tenantId);

    /** The tenant's secret, storing {@code candidate} as it when there is none yet (the first writer wins). */
    SigningSecret findOrAdd(TenantId tenantId, SigningSecret candidate);

    /** Replaces the tenant's secret; calls signed from now on use the new one. */
    void replace(TenantId tenantId, SigningSecret secret);
}
