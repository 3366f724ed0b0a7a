package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.OutboxContract;
import dev.avatarvideo.application.port.out.notification.Outbox;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Instant;
import java.util.Optional;

class InMemoryOutboxTest extends OutboxContract {

    private InMemoryOutbox outbox;
    private long events;

    @Override
    protected Outbox newOutbox() {
        outbox = new InMemoryOutbox();
        return outbox;
    }

    @Override
    protected void queue(NotificationUrl url, Instant at, SigningSecret secret) {
        VideoEvent requested = new VideoEvent(++events, VideoId.newId(), TenantId.of("acme"), VideoStatus.QUEUED, null, null, at);
        outbox.queue(url, requested, at, Optional.of(secret));
    }
}
