package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.notification.RotateCallbackSecret;
import dev.avatarvideo.application.port.in.notification.ShowCallbackSecret;
import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;

/**
 * The per-tenant secret that signs calls to per-request {@code callbackUrl}s. Unlike an endpoint's secret it can be
 * shown again: callbacks are named request by request, so there is no single moment to hand it over.
 */
public final class CallbackSecretService implements ShowCallbackSecret, RotateCallbackSecret {

    private final CallbackSecrets secrets;

    public CallbackSecretService(CallbackSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public SigningSecret show(TenantId tenantId) {
        return secrets.find(tenantId).orElseGet(() -> secrets.findOrAdd(tenantId, SigningSecret.generate()));
    }

    @Override
    public SigningSecret rotate(TenantId tenantId) {
        SigningSecret fresh = SigningSecret.generate();
        secrets.replace(tenantId, fresh);
        return fresh;
    }
}
