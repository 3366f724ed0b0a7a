package dev.avatarvideo.application.port.in.notification;

import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.TenantId;

/** Stop notifying an endpoint; what was still waiting for it is dropped. */
public interface RemoveNotificationEndpoint {

    /** Answers false when the tenant has no such endpoint. */
    boolean remove(TenantId tenantId, NotificationEndpointId id);
}
