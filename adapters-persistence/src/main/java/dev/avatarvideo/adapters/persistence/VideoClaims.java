package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * Claiming videos for this instance's leases, and giving them back: the statements the three work queues share. A
 * video is free when nobody's lease on it is running ({@code lease_until} empty or past).
 */
final class VideoClaims {

    static final String FREE = "(v.lease_until IS NULL OR v.lease_until <= :now)";

    private final Jdbi jdbi;
    private final JdbiVideos videos;
    private final WorkerLeases leases;

    VideoClaims(Jdbi jdbi, JdbiVideos videos, WorkerLeases leases) {
        this.jdbi = jdbi;
        this.videos = videos;
        this.leases = leases;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    JdbiVideos videos() {
        return videos;
    }

    /**
     * Claims the free rows {@code condition} picks, the first {@code limit} in {@code order}, skipping rows another
     * transaction has locked, and answers their ids (in no particular order). {@code extra} sets more columns (SQL,
     * may be empty).
     */
    List<UUID> claim(String condition, String order, int limit, Instant now, String extra, Map<String, Object> parameters) {
        return claim(PICK_IN_ORDER, condition, order, limit, now, extra, parameters);
    }

    /**
     * As {@link #claim}, taking tenants in turn: each tenant's first row in {@code order}, then each one's second, and
     * so on, so one tenant's thousand rows do not keep another's one waiting behind them.
     */
    List<UUID> claimTakingTenantsInTurn(String condition, String order, int limit, Instant now) {
        return claim(PICK_TENANTS_IN_TURN, condition, order, limit, now, "", Map.of());
    }

    private static final String PICK_IN_ORDER = """
            SELECT v.id FROM avatar_videos v
             WHERE <condition> AND <free>
             ORDER BY <order>
             LIMIT :limit
               FOR UPDATE OF v SKIP LOCKED""";

    /** Rows cannot be locked in a query with a window function, so the turns are numbered first and locked after. */
    private static final String PICK_TENANTS_IN_TURN = """
            SELECT v.id FROM avatar_videos v
              JOIN (SELECT v.id, row_number() OVER (PARTITION BY v.tenant_id ORDER BY <order>) AS turn FROM avatar_videos v
                     WHERE <condition> AND <free>) turns ON turns.id = v.id
             WHERE <condition> AND <free>
             ORDER BY turns.turn, <order>
             LIMIT :limit
               FOR UPDATE OF v SKIP LOCKED""";

    private List<UUID> claim(String pick, String condition, String order, int limit, Instant now, String extra, Map<String, Object> parameters) {
        List<UUID> ids = jdbi.inTransaction(handle -> {
            Query query = handle.createQuery("WITH picked AS (" + pick + ")\n" + """
                    UPDATE avatar_videos v SET lease_owner = :owner, lease_until = :until <extra>
                      FROM picked WHERE v.id = picked.id
                    RETURNING v.id""")
                    .define("order", order)
                    .define("condition", condition)
                    .define("free", FREE)
                    .define("extra", extra.isBlank() ? "" : ", " + extra)
                    .bind("limit", limit)
                    .bind("now", JdbiVideos.utc(now))
                    .bind("owner", leases.owner())
                    .bind("until", JdbiVideos.utc(leases.until(now)));
            bindAll(query, parameters);
            return query.map((rs, ctx) -> rs.getObject("id", UUID.class)).list();
        });
        leases.holding(ids);
        return ids;
    }

    /** The videos with these ids, in {@code order} (SQL over the columns of {@code v}). */
    <T> List<T> read(List<UUID> ids, String order, RowReader<T> reader) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery(JdbiVideos.SELECT + " WHERE v.id = ANY(:ids) ORDER BY " + order)
                .bindArray("ids", UUID.class, ids.toArray(UUID[]::new))
                .map((rs, ctx) -> reader.read(videos.toVideo(rs, ctx), rs))
                .list());
    }

    /** Ends this instance's claim on the video, setting {@code changes} (SQL, may be empty) with it. */
    void end(VideoId video, String changes, Map<String, Object> parameters) {
        jdbi.useHandle(handle -> end(handle, video, changes, parameters));
        leases.released(video.value());
    }

    private void end(Handle handle, VideoId video, String changes, Map<String, Object> parameters) {
        Update update = handle.createUpdate("""
                        UPDATE avatar_videos SET lease_owner = NULL, lease_until = NULL <changes>
                         WHERE id = :id AND lease_owner = :owner""")
                .define("changes", changes.isBlank() ? "" : ", " + changes)
                .bind("id", video.value())
                .bind("owner", leases.owner());
        bindAll(update, parameters);
        update.execute();
    }

    /** The claim ended with a change made elsewhere in the same statement. */
    void forgetClaim(VideoId video) {
        leases.released(video.value());
    }

    private static void bindAll(org.jdbi.v3.core.statement.SqlStatement<?> statement, Map<String, Object> parameters) {
        parameters.forEach((name, value) -> {
            if (value instanceof UUID[] ids) {
                statement.bindArray(name, UUID.class, (Object[]) ids);
            } else {
                statement.bind(name, value);
            }
        });
    }

    /** Reads what a queue needs besides the video from the same row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(AvatarVideo video, java.sql.ResultSet rs) throws java.sql.SQLException;
    }
}
