package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.notification.Outbox;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An {@link Outbox} a test fills by hand with {@link #queue}; the database fills its own from the status changes.
 * Claims, leases and outcomes behave as the database adapter's do.
 */
public final class InMemoryOutbox implements Outbox {

    /** Where one delivery stands. */
    public record Row(long id, NotificationUrl url, VideoEvent event, Instant queuedAt, Optional<SigningSecret> secret, String state,
                      int attempts, Instant nextAttemptAt, UUID claim, String lastError, List<Instant> attemptsAt) {
    }

    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private long nextId = 1;

    public synchronized long queue(NotificationUrl url, VideoEvent event, Instant queuedAt, Optional<SigningSecret> secret) {
        long id = nextId++;
        rows.put(id, new Row(id, url, event, queuedAt, secret, "PENDING", 0, queuedAt, null, null, List.of()));
        return id;
    }

    public synchronized Row row(long id) {
        return rows.get(id);
    }

    @Override
    public synchronized List<Delivery> claimDue(Instant now, Duration lease, int limit) {
        List<Row> due = rows.values().stream()
                .filter(r -> r.state().equals("PENDING") && !r.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(Row::nextAttemptAt).thenComparing(Row::id))
                .limit(limit)
                .toList();
        List<Delivery> claimed = new ArrayList<>();
        for (Row row : due) {
            UUID claim = UUID.randomUUID();
            rows.put(row.id(), new Row(row.id(), row.url(), row.event(), row.queuedAt(), row.secret(), row.state(), row.attempts(),
                    now.plus(lease), claim, row.lastError(), row.attemptsAt()));
            claimed.add(new Delivery(row.id(), claim, row.url(), row.event(), row.attempts(), row.queuedAt(), row.secret()));
        }
        return claimed;
    }

    @Override
    public void delivered(Delivery delivery, Instant at) {
        finish(delivery, "DELIVERED", null, at, null);
    }

    @Override
    public void failed(Delivery delivery, String error, Instant at, Instant nextAttemptAt) {
        finish(delivery, "PENDING", error, at, nextAttemptAt);
    }

    @Override
    public void gaveUp(Delivery delivery, String error, Instant at) {
        finish(delivery, "GAVE_UP", error, at, null);
    }

    private synchronized void finish(Delivery delivery, String state, String error, Instant at, Instant next) {
        Row row = rows.get(delivery.id());
        if (row == null || !delivery.claim().equals(row.claim())) {
            return;
        }
        List<Instant> attemptsAt = new ArrayList<>(row.attemptsAt());
        attemptsAt.add(at);
        rows.put(row.id(), new Row(row.id(), row.url(), row.event(), row.queuedAt(), row.secret(), state, row.attempts() + 1, next,
                null, error == null ? row.lastError() : error, List.copyOf(attemptsAt)));
    }
}
