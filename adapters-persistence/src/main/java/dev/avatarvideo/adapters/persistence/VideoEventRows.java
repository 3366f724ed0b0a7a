package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Rows of {@code video_events}, read with their file's metadata and, for READY, the video's lesson parts; shared by the
 * log and the outbox. The parts are the video's own (a READY video's parts never change), so the trigger that writes
 * the log need not copy them.
 */
final class VideoEventRows {

    /** The columns {@link #read} expects, for {@code video_events e} with the joins of {@link #JOINS}. */
    static final String COLUMNS = "e.id AS event_id, e.video_id AS event_video_id, e.tenant_id AS event_tenant_id, e.status AS event_status,"
            + " e.failure_code AS event_failure_code, e.failure_message AS event_failure_message, e.file_path AS event_file_path,"
            + " e.occurred_at AS event_occurred_at, " + StoredFileRows.COLUMNS + ", " + LessonPartRows.COLUMNS;
    /** The event's file and, for a READY event, its video's parts. */
    static final String JOINS = " LEFT JOIN stored_files f ON f.storage_path = e.file_path"
            + LessonPartRows.join("e.video_id", "e.status = 'READY'");
    static final String FROM = " FROM video_events e" + JOINS;

    private VideoEventRows() {
    }

    static VideoEvent read(ResultSet rs) throws SQLException {
        String failureCode = rs.getString("event_failure_code");
        String filePath = rs.getString("event_file_path");
        VideoStatus status = VideoStatus.valueOf(rs.getString("event_status"));
        return new VideoEvent(
                rs.getLong("event_id"),
                new VideoId(rs.getObject("event_video_id", UUID.class)),
                new TenantId(rs.getString("event_tenant_id")),
                status,
                failureCode == null ? null : new VideoFailure(failureCode, rs.getString("event_failure_message")),
                filePath == null ? null : StoredFileRows.read(rs, filePath),
                rs.getObject("event_occurred_at", OffsetDateTime.class).toInstant(),
                status == VideoStatus.READY ? LessonPartRows.read(rs) : LessonParts.NONE);
    }
}
