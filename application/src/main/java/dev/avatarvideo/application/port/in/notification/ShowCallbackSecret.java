package dev.avatarvideo.application.port.in.notification;

import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;

/** The secret that signs calls to the tenant's per-request {@code callbackUrl}s; made on first ask. */
public interface ShowCallbackSecret {

    SigningSecret show(TenantId tenantId);
}
