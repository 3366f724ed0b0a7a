package dev.avatarvideo.application.port.in.notification;

import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;

/** Replace the tenant's callback signing secret; every call from now on is signed with the new one. */
public interface RotateCallbackSecret {

    SigningSecret rotate(TenantId tenantId);
}
