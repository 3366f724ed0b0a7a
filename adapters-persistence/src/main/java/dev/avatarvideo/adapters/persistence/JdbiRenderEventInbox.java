package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.domain.RenderEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link RenderEventInbox} in {@code renderer_events}: one row per (event, render), so a duplicate delivery only counts.
 * Applying events is one statement: it marks the rendering videos they name as due for a fresh check and settles the
 * events, skipping rows another instance is applying right now.
 */
final class JdbiRenderEventInbox implements RenderEventInbox {

    /** How many waiting events one round settles at most. */
    private static final int ROUND = 1_000;

    private final Jdbi jdbi;

    JdbiRenderEventInbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean add(RenderEvent event, Instant receivedAt) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        INSERT INTO renderer_events (event_type, render_id, first_received_at, last_received_at, deliveries)
                        VALUES (:type, :render, :at, :at, 1)
                        ON CONFLICT (event_type, render_id) DO UPDATE
                           SET last_received_at = greatest(renderer_events.last_received_at, EXCLUDED.last_received_at),
                               deliveries = renderer_events.deliveries + 1
                        RETURNING (xmax = 0) AS inserted""")
                .bind("type", event.type().name())
                .bind("render", event.renderId().value())
                .bind("at", JdbiVideos.utc(receivedAt))
                .mapTo(Boolean.class)
                .one());
    }

    @Override
    public int apply(Instant now, Instant forgetUnmatchedBefore) {
        return jdbi.inTransaction(handle -> handle.createQuery("""
                        WITH waiting AS (
                            SELECT e.event_type, e.render_id, e.first_received_at FROM renderer_events e
                             WHERE e.applied_at IS NULL
                             ORDER BY e.first_received_at
                             LIMIT :round
                               FOR UPDATE SKIP LOCKED),
                        due AS (
                            UPDATE avatar_videos v
                               SET check_requested = true, event_at = coalesce(v.event_at, w.first_received_at)
                              FROM waiting w
                             WHERE v.render_id = w.render_id AND v.status = 'RENDERING'
                            RETURNING v.id),
                        settled AS (
                            UPDATE renderer_events e SET applied_at = :now
                              FROM waiting w
                             WHERE e.event_type = w.event_type AND e.render_id = w.render_id
                               AND (EXISTS (SELECT 1 FROM avatar_videos v WHERE v.render_id = w.render_id)
                                    OR w.first_received_at < :forget)
                            RETURNING e.render_id)
                        SELECT (SELECT count(*) FROM due) + 0 * (SELECT count(*) FROM settled)""")
                .bind("round", ROUND)
                .bind("now", JdbiVideos.utc(now))
                .bind("forget", JdbiVideos.utc(forgetUnmatchedBefore))
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public Optional<Instant> lastReceivedAt() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT max(last_received_at) FROM renderer_events")
                .map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .one());
    }

    @Override
    public long deliveries() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT coalesce(sum(deliveries), 0) FROM renderer_events").mapTo(Long.class).one());
    }
}
