package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.adapters.notifications.DnsHostLookup;
import dev.avatarvideo.adapters.notifications.HttpNotificationSender;
import dev.avatarvideo.adapters.runtime.MeteredNotificationSender;
import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.application.service.CallbackSecretService;
import dev.avatarvideo.application.service.NotificationEndpointRegistry;
import dev.avatarvideo.application.service.ReceiverScreening;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What tells the platform about its videos: its endpoints and callback secret, the screening of every receiver, and the
 * HTTP client that sends the signed notifications, each attempt counted.
 */
record PlatformNotifications(ReceiverScreening screening, NotificationSender sender, CallbackSecrets callbackSecrets,
                             NotificationEndpointRegistry endpoints, CallbackSecretService callbackSecretService) {

    static PlatformNotifications wire(Configuration.Notifications settings, Persistence persistence, MeterRegistry meters, Running running) {
        // Receivers are screened when saved and again at every connection, both with the same lookup and policy.
        DnsHostLookup dns = running.started(new DnsHostLookup(DnsHostLookup.DEFAULT_PATIENCE));
        ReceiverScreening screening = new ReceiverScreening(dns, settings.receivers());
        // Made here, well before the first start writes its key file: the client's TLS set-up takes a moment.
        HttpNotificationSender sender = running.started(new HttpNotificationSender(settings.webhookTimeout(), dns, settings.receivers()));
        CallbackSecrets callbackSecrets = persistence.database().callbackSecrets(persistence.sealing());
        NotificationEndpointRegistry endpoints = new NotificationEndpointRegistry(persistence.database().notificationEndpoints(persistence.sealing()),
                screening, CLOCK);
        return new PlatformNotifications(screening, new MeteredNotificationSender(sender, meters), callbackSecrets, endpoints, new CallbackSecretService(callbackSecrets));
    }
}
