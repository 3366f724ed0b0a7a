package dev.avatarvideo.application.port.in.notification;

import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.SigningSecret;

/** Register an address of the platform's to be told about the tenant's videos. */
public interface AddNotificationEndpoint {

    /** The endpoint and its signing secret, which is shown this once. */
    Added add(AddNotificationEndpointCommand command);

    record Added(NotificationEndpoint endpoint, SigningSecret secret) {
    }
}
