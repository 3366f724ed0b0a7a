package dev.avatarvideo.application.port.out.notification;

import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import java.util.List;

/**
 * The platform's notification endpoints, each with its signing secret. Secrets go in with {@link #add} and come out
 * only with the deliveries signed by them; they are kept encrypted and never listed.
 */
public interface NotificationEndpoints {

    void add(NotificationEndpoint endpoint, SigningSecret secret);

    /** The tenant's endpoints, oldest first. */
    List<NotificationEndpoint> list(TenantId tenantId);

    /** Removes the endpoint with its pending deliveries; answers false when the tenant has no such endpoint. */
    boolean remove(TenantId tenantId, NotificationEndpointId id);
}
