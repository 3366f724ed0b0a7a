package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.notification.NotificationSender;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link NotificationSender} whose receivers a test scripts, held to the same contract as the HTTP sender: each
 * receiver answers 204 unless told another status, a receiver inside the service's network is refused without being
 * sent anything, and {@link #failNext} makes the next attempts fail with 503 wherever they go. Records every attempt.
 */
public final class ScriptedNotificationSender implements NotificationSender {

    /** One attempt, as the deliverer made it. */
    public record Sent(NotificationUrl url, String messageId, Instant timestamp, VideoEvent event, SigningSecret secret) {
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<Sent> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<NotificationUrl, Integer> answers = new ConcurrentHashMap<>();
    private final Set<NotificationUrl> inside = ConcurrentHashMap.newKeySet();
    private volatile Runnable onSend = () -> {
    };
    private volatile boolean everyReceiverInside;
    private int failuresLeft;

    @Override
    public Outcome send(NotificationUrl url, String messageId, Instant timestamp, VideoEvent event, SigningSecret secret) {
        onSend.run();
        Sent attempt = new Sent(url, messageId, timestamp, event, secret);
        sent.add(attempt);
        if (everyReceiverInside || inside.contains(url)) {
            return new Outcome.Refused("the receiver's host leads only to internal addresses");
        }
        received.add(attempt);
        synchronized (this) {
            if (failuresLeft > 0) {
                failuresLeft--;
                return new Outcome.Failed("HTTP 503");
            }
        }
        int status = answers.getOrDefault(url, 204);
        return status >= 200 && status < 300 ? new Outcome.Delivered(status) : new Outcome.Failed("HTTP " + status);
    }

    /** Every attempt, refused ones included. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The attempts that reached the receiver at {@code url}. */
    public List<Sent> receivedAt(NotificationUrl url) {
        synchronized (received) {
            return received.stream().filter(attempt -> attempt.url().equals(url)).toList();
        }
    }

    /** The receiver at {@code url} answers {@code status} from now on. */
    public void answer(NotificationUrl url, int status) {
        answers.put(url, status);
    }

    /** The receiver at {@code url} leads inside the service's network: it is refused. */
    public void inside(NotificationUrl url) {
        inside.add(url);
    }

    /** Every receiver leads inside from now on. */
    public void everyReceiverInside() {
        everyReceiverInside = true;
    }

    public synchronized void failNext(int times) {
        failuresLeft = times;
    }

    /** Runs before each attempt, on the sending thread. */
    public void onSend(Runnable action) {
        onSend = action;
    }
}
