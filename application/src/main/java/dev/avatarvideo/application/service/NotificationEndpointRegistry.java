package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.notification.AddNotificationEndpoint;
import dev.avatarvideo.application.port.in.notification.AddNotificationEndpointCommand;
import dev.avatarvideo.application.port.in.notification.ListNotificationEndpoints;
import dev.avatarvideo.application.port.in.notification.RemoveNotificationEndpoint;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.notification.NotificationEndpoints;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import java.util.List;

/** The tenant's notification endpoints: each gets a fresh signing secret, shown once when it is added. */
public final class NotificationEndpointRegistry implements AddNotificationEndpoint, ListNotificationEndpoints, RemoveNotificationEndpoint {

    private final NotificationEndpoints endpoints;
    private final ReceiverScreening screening;
    private final Clock clock;

    public NotificationEndpointRegistry(NotificationEndpoints endpoints, ReceiverScreening screening, Clock clock) {
        this.endpoints = endpoints;
        this.screening = screening;
        this.clock = clock;
    }

    @Override
    public Added add(AddNotificationEndpointCommand command) {
        if (endpoints.list(command.tenantId()).size() >= NotificationEndpoint.MAX_PER_TENANT) {
            throw new InvalidInputException("url", "a tenant may register at most " + NotificationEndpoint.MAX_PER_TENANT
                    + " notification endpoints; remove one first");
        }
        screening.requireOutsideAddress("url", command.url());
        NotificationEndpoint endpoint = new NotificationEndpoint(NotificationEndpointId.newId(), command.tenantId(), command.url(),
                command.statuses(), clock.now());
        SigningSecret secret = SigningSecret.generate();
        endpoints.add(endpoint, secret);
        return new Added(endpoint, secret);
    }

    @Override
    public List<NotificationEndpoint> list(TenantId tenantId) {
        return endpoints.list(tenantId);
    }

    @Override
    public boolean remove(TenantId tenantId, NotificationEndpointId id) {
        return endpoints.remove(tenantId, id);
    }
}
