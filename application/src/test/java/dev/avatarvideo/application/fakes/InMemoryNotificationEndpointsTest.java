package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.NotificationEndpointsContract;
import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.application.port.out.notification.NotificationEndpoints;

class InMemoryNotificationEndpointsTest extends NotificationEndpointsContract {

    @Override
    protected NotificationEndpoints newEndpoints() {
        return new InMemoryNotificationEndpoints();
    }

    @Override
    protected CallbackSecrets newCallbackSecrets() {
        return new InMemoryCallbackSecrets();
    }
}
