package dev.avatarvideo.adapters.notifications;

import dev.avatarvideo.application.contract.NotificationSenderContract;
import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.testsupport.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;

/** The sender's contract over real HTTP: each receiver a server of its own that checks signatures as receivers should. */
class HttpNotificationSenderContractTest extends NotificationSenderContract {

    private final ScriptedHostLookup dns = new ScriptedHostLookup();
    /** The receivers listen on loopback, which the operator of a real service would have to allow too. */
    private final HttpNotificationSender sender = new HttpNotificationSender(Duration.ofSeconds(2), dns, ReceiverAddressPolicy.allowing("127.0.0.1"));
    private final Map<NotificationUrl, WebhookReceiver> receivers = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        receivers.values().forEach(WebhookReceiver::close);
        sender.close();
    }

    @Override
    protected NotificationSender sender() {
        return sender;
    }

    @Override
    protected NotificationUrl receiverAnswering(int status) {
        WebhookReceiver receiver = WebhookReceiver.start();
        receiver.answerWith(() -> status);
        NotificationUrl url = new NotificationUrl(receiver.url("/hooks"));
        receivers.put(url, receiver);
        return url;
    }

    @Override
    protected NotificationUrl receiverInside() {
        dns.point("hooks.inside.example", "10.20.30.40");
        return new NotificationUrl(URI.create("http://hooks.inside.example:8080/hooks"));
    }

    @Override
    protected List<String> messageIdsReceivedAt(NotificationUrl url) {
        WebhookReceiver receiver = receivers.get(url);
        return receiver == null ? List.of() : receiver.received().stream().map(WebhookReceiver.Received::id).toList();
    }

    @Override
    protected boolean lastSignedWith(NotificationUrl url, SigningSecret secret) {
        return receivers.get(url).received().getLast().signedWith(secret.value());
    }
}
