package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.notification.Outbox;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code notification_deliveries} outbox, filled by the trigger on {@code avatar_videos}. Claims take due rows
 * with {@code FOR UPDATE SKIP LOCKED}, so instances claiming at once never get the same row, and move them a lease
 * ahead; outcomes are written only under the claim that is still the row's.
 */
final class JdbiOutbox implements Outbox {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final Jdbi jdbi;
    private final AesGcmSealing sealing;

    JdbiOutbox(Jdbi jdbi, AesGcmSealing sealing) {
        this.jdbi = jdbi;
        this.sealing = sealing;
    }

    @Override
    public List<Delivery> claimDue(Instant now, Duration lease, int limit) {
        UUID claim = UUID.randomUUID();
        return jdbi.inTransaction(handle -> handle.createQuery("""
                        WITH claimed AS (
                            UPDATE notification_deliveries d SET claim = :claim, next_attempt_at = :leaseUntil
                             WHERE d.id IN (SELECT id FROM notification_deliveries
                                             WHERE state = 'PENDING' AND next_attempt_at <= :now
                                             ORDER BY next_attempt_at, id LIMIT :limit
                                             FOR UPDATE SKIP LOCKED)
                            RETURNING d.id, d.event_id, d.tenant_id, d.endpoint_id, d.url, d.attempts, d.queued_at)
                        SELECT c.id AS delivery_id, c.url AS delivery_url, c.attempts AS delivery_attempts,
                               c.queued_at AS delivery_queued_at, c.endpoint_id AS delivery_endpoint_id,
                               ep.sealed_secret AS endpoint_secret, cs.sealed_secret AS callback_secret,
                               """ + VideoEventRows.COLUMNS + " " + """
                          FROM claimed c
                          JOIN video_events e ON e.id = c.event_id""" + VideoEventRows.JOINS + """
                          LEFT JOIN notification_endpoints ep ON ep.id = c.endpoint_id
                          LEFT JOIN callback_secrets cs ON cs.tenant_id = c.tenant_id AND c.endpoint_id IS NULL
                         ORDER BY c.id""")
                .bind("claim", claim)
                .bind("now", utc(now))
                .bind("leaseUntil", utc(now.plus(lease)))
                .bind("limit", limit)
                .map((rs, ctx) -> toDelivery(rs, claim))
                .list());
    }

    private Delivery toDelivery(ResultSet rs, UUID claim) throws SQLException {
        UUID endpointId = rs.getObject("delivery_endpoint_id", UUID.class);
        byte[] endpointSecret = rs.getBytes("endpoint_secret");
        byte[] callbackSecret = rs.getBytes("callback_secret");
        String tenant = rs.getString("event_tenant_id");
        Optional<String> secret = endpointId != null
                ? Optional.ofNullable(endpointSecret).map(s -> sealing.open(s, JdbiNotificationEndpoints.context(endpointId)))
                : Optional.ofNullable(callbackSecret).map(s -> sealing.open(s, JdbiCallbackSecrets.context(tenant)));
        return new Delivery(rs.getLong("delivery_id"), claim, new NotificationUrl(URI.create(rs.getString("delivery_url"))),
                VideoEventRows.read(rs), rs.getInt("delivery_attempts"),
                rs.getObject("delivery_queued_at", OffsetDateTime.class).toInstant(), secret.map(SigningSecret::new));
    }

    @Override
    public void delivered(Delivery delivery, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE notification_deliveries
                           SET state = 'DELIVERED', delivered_at = :at, last_attempt_at = :at, attempts = attempts + 1,
                               next_attempt_at = NULL, claim = NULL
                         WHERE id = :id AND claim = :claim""")
                .bind("id", delivery.id())
                .bind("claim", delivery.claim())
                .bind("at", utc(at))
                .execute());
    }

    @Override
    public void failed(Delivery delivery, String error, Instant at, Instant nextAttemptAt) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE notification_deliveries
                           SET last_attempt_at = :at, attempts = attempts + 1, last_error = :error, next_attempt_at = :next, claim = NULL
                         WHERE id = :id AND claim = :claim""")
                .bind("id", delivery.id())
                .bind("claim", delivery.claim())
                .bind("at", utc(at))
                .bind("error", shortened(error))
                .bind("next", utc(nextAttemptAt))
                .execute());
    }

    @Override
    public void gaveUp(Delivery delivery, String error, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE notification_deliveries
                           SET state = 'GAVE_UP', last_attempt_at = :at, attempts = attempts + 1, last_error = :error,
                               next_attempt_at = NULL, claim = NULL
                         WHERE id = :id AND claim = :claim""")
                .bind("id", delivery.id())
                .bind("claim", delivery.claim())
                .bind("at", utc(at))
                .bind("error", shortened(error))
                .execute());
    }

    private static String shortened(String error) {
        String text = error == null || error.isBlank() ? "unknown error" : error;
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH - 1) + "…" : text;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
