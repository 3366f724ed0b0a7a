package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.NotificationSenderContract;
import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import java.util.List;
import java.util.UUID;

class ScriptedNotificationSenderTest extends NotificationSenderContract {

    private final ScriptedNotificationSender sender = new ScriptedNotificationSender();

    @Override
    protected NotificationSender sender() {
        return sender;
    }

    @Override
    protected NotificationUrl receiverAnswering(int status) {
        NotificationUrl url = NotificationUrl.parse("url", "https://platform.example/hooks/" + UUID.randomUUID());
        sender.answer(url, status);
        return url;
    }

    @Override
    protected NotificationUrl receiverInside() {
        NotificationUrl url = NotificationUrl.parse("url", "https://hooks.inside.example/hooks");
        sender.inside(url);
        return url;
    }

    @Override
    protected List<String> messageIdsReceivedAt(NotificationUrl url) {
        return sender.receivedAt(url).stream().map(ScriptedNotificationSender.Sent::messageId).toList();
    }

    @Override
    protected boolean lastSignedWith(NotificationUrl url, SigningSecret secret) {
        return sender.receivedAt(url).getLast().secret().equals(secret);
    }
}
