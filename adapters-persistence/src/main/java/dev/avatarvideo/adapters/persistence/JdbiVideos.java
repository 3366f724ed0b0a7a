package dev.avatarvideo.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.VideoPage;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.IngestRetry;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SceneBackground;
import dev.avatarvideo.domain.VoiceSettings;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoFilter;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link Videos} in PostgreSQL, scenes as JSON beside the row, the stored file in its own table, a READY video's lesson
 * parts in {@code lesson_parts} (see {@link LessonPartRows}), read in the same statement as the video.
 */
final class JdbiVideos implements Videos {

    /** Every column a video is read from, its lesson parts included; the work queues select their videos the same way. */
    static final String SELECT = "SELECT v.*, " + StoredFileRows.COLUMNS + ", " + LessonPartRows.COLUMNS
            + " FROM avatar_videos v LEFT JOIN stored_files f ON f.storage_path = v.file_path" + LessonPartRows.join("v.id", "");

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Jdbi jdbi;
    private final ObjectMapper json = new ObjectMapper();

    JdbiVideos(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(AvatarVideo video) {
        jdbi.useTransaction(handle -> {
            saveFiles(handle, video);
            handle.createUpdate("""
                            INSERT INTO avatar_videos (id, tenant_id, title, scenes, resolution, aspect_ratio, status, render_id,
                                                       failure_code, failure_message, file_path, ingest_attempts, temporary_url,
                                                       temporary_until, next_ingest_at, last_ingest_error, created_at, updated_at, version,
                                                       caption_choice, render_attempt)
                            VALUES (:id, :tenantId, :title, CAST(:scenes AS jsonb), :resolution, :aspectRatio, :status, :renderId,
                                    :failureCode, :failureMessage, :filePath, :ingestAttempts, :temporaryUrl,
                                    :temporaryUntil, :nextIngestAt, :lastIngestError, :createdAt, :updatedAt, :version, :captions,
                                    :renderAttempt)""")
                    .bindMap(columns(video, video.version()))
                    .execute();
            LessonPartRows.insert(handle, video.id(), video.parts());
        });
    }

    @Override
    public AvatarVideo update(AvatarVideo video) {
        return jdbi.inTransaction(handle -> {
            saveFiles(handle, video);
            var values = columns(video, video.version() + 1);
            values.put("expectedVersion", video.version());
            int changed = handle.createUpdate("""
                            UPDATE avatar_videos
                               SET title = :title, scenes = CAST(:scenes AS jsonb), resolution = :resolution, aspect_ratio = :aspectRatio,
                                   status = :status, render_id = :renderId, failure_code = :failureCode, failure_message = :failureMessage,
                                   file_path = :filePath, ingest_attempts = :ingestAttempts, temporary_url = :temporaryUrl,
                                   temporary_until = :temporaryUntil, next_ingest_at = :nextIngestAt, last_ingest_error = :lastIngestError,
                                   updated_at = :updatedAt, version = :version, render_attempt = :renderAttempt,
                                   -- A new render attempt starts its tracking afresh: nothing of the failed render's work is kept.
                                   renderer_account = CASE WHEN render_attempt <> :renderAttempt THEN NULL ELSE renderer_account END,
                                   rendering_since = CASE WHEN render_attempt <> :renderAttempt THEN NULL ELSE rendering_since END,
                                   next_check_at = CASE WHEN render_attempt <> :renderAttempt THEN NULL ELSE next_check_at END,
                                   status_checks = CASE WHEN render_attempt <> :renderAttempt THEN 0 ELSE status_checks END,
                                   event_at = CASE WHEN render_attempt <> :renderAttempt THEN NULL ELSE event_at END,
                                   check_requested = CASE WHEN render_attempt <> :renderAttempt THEN false ELSE check_requested END,
                                   retry_at = CASE WHEN render_attempt <> :renderAttempt THEN NULL ELSE retry_at END
                             WHERE id = :id AND version = :expectedVersion""")
                    .bindMap(values)
                    .execute();
            if (changed != 1) {
                throw new ConcurrentUpdateException("video " + video.id() + " is no longer at version " + video.version());
            }
            // After the status change: the database takes parts only for a video that is READY.
            LessonPartRows.insert(handle, video.id(), video.parts());
            return video.withVersion(video.version() + 1);
        });
    }

    @Override
    public Optional<AvatarVideo> find(TenantId tenantId, VideoId videoId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + " WHERE v.id = :id AND v.tenant_id = :tenantId")
                .bind("id", videoId.value())
                .bind("tenantId", tenantId.value())
                .map(this::toVideo)
                .findOne());
    }

    @Override
    public Optional<AvatarVideo> findById(VideoId videoId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + " WHERE v.id = :id")
                .bind("id", videoId.value())
                .map(this::toVideo)
                .findOne());
    }

    @Override
    public VideoPage list(TenantId tenantId, VideoFilter filter, int limit, Optional<PageCursor> after) {
        List<AvatarVideo> rows = jdbi.withHandle(handle -> {
            var statement = handle.createQuery(SELECT + " WHERE v.tenant_id = :tenantId"
                            + (after.isPresent() ? " AND (v.created_at, v.id) < (:afterCreatedAt, :afterId)" : "")
                            + (filter.statuses().isEmpty() ? "" : " AND v.status = ANY(:statuses)")
                            + (filter.createdAfter().isPresent() ? " AND v.created_at >= :createdAfter" : "")
                            + (filter.createdBefore().isPresent() ? " AND v.created_at < :createdBefore" : "")
                            + " ORDER BY v.created_at DESC, v.id DESC LIMIT :limit")
                    .bind("tenantId", tenantId.value())
                    .bind("limit", limit + 1);
            after.ifPresent(cursor -> statement
                    .bind("afterCreatedAt", utc(cursor.createdAt()))
                    .bind("afterId", cursor.id().value()));
            if (!filter.statuses().isEmpty()) {
                statement.bindArray("statuses", String.class, filter.statuses().stream().map(Enum::name).toList());
            }
            filter.createdAfter().ifPresent(at -> statement.bind("createdAfter", utc(at)));
            filter.createdBefore().ifPresent(at -> statement.bind("createdBefore", utc(at)));
            return statement.map(this::toVideo).list();
        });
        if (rows.size() <= limit) {
            return new VideoPage(rows, Optional.empty());
        }
        List<AvatarVideo> page = rows.subList(0, limit);
        return new VideoPage(page, Optional.of(PageCursor.after(page.getLast())));
    }

    @Override
    public Optional<RemovedVideo> delete(TenantId tenantId, VideoId videoId) {
        try {
            return jdbi.inTransaction(handle -> {
                // The query reads lesson_parts as the statement found it; the row itself goes with the video, by cascade.
                Optional<List<String>> removed = handle.createQuery("""
                                WITH removed AS (DELETE FROM avatar_videos WHERE id = :id AND tenant_id = :tenantId RETURNING id, file_path)
                                SELECT removed.file_path, """ + LessonPartRows.PATH_COLUMNS + " " + """
                                  FROM removed LEFT JOIN lesson_parts lp ON lp.video_id = removed.id""")
                        .bind("id", videoId.value())
                        .bind("tenantId", tenantId.value())
                        .map((rs, ctx) -> storedPaths(rs))
                        .findOne();
                removed.ifPresent(paths -> StoredFileRows.delete(handle, paths));
                return removed.map(paths -> new RemovedVideo(paths.stream().map(StorageKey::new).toList()));
            });
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                throw new VideoShownException("video " + videoId + " is shown in a topic; remove it from the topic first");
            }
            throw e;
        }
    }

    @Override
    public List<AvatarVideo> findAll(TenantId tenantId, Collection<VideoId> videoIds) {
        if (videoIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + " WHERE v.tenant_id = :tenantId AND v.id = ANY(:ids)")
                .bind("tenantId", tenantId.value())
                .bindArray("ids", UUID.class, videoIds.stream().map(VideoId::value).distinct().toList())
                .map(this::toVideo)
                .list());
    }

    /** Records the video's file and every part's file, in one round trip. */
    private static void saveFiles(Handle handle, AvatarVideo video) {
        StoredFile file = video.file();
        if (file != null) {
            List<StoredFile> files = new ArrayList<>(video.parts().files());
            files.addFirst(file);
            StoredFileRows.insertAll(handle, files);
        }
    }

    private static List<String> storedPaths(ResultSet rs) throws SQLException {
        List<String> paths = new ArrayList<>(5);
        Optional.ofNullable(rs.getString("file_path")).ifPresent(paths::add);
        paths.addAll(LessonPartRows.paths(rs));
        return paths;
    }

    private java.util.Map<String, Object> columns(AvatarVideo video, long version) {
        var values = new java.util.HashMap<String, Object>();
        values.put("id", video.id().value());
        values.put("tenantId", video.tenantId().value());
        values.put("title", video.title());
        values.put("scenes", scenesJson(video.scenes()));
        values.put("resolution", video.resolution().label());
        values.put("aspectRatio", video.aspectRatio().label());
        values.put("status", video.status().name());
        values.put("renderId", video.renderId() == null ? null : video.renderId().value());
        values.put("failureCode", video.failure() == null ? null : video.failure().code());
        values.put("failureMessage", video.failure() == null ? null : video.failure().message());
        values.put("filePath", video.file() == null ? null : video.file().storagePath().value());
        values.put("ingestAttempts", video.ingestAttempts());
        IngestRetry retry = video.ingestRetry();
        values.put("temporaryUrl", retry == null ? null : retry.temporaryUrl().toString());
        values.put("temporaryUntil", retry == null ? null : utc(retry.temporaryUntil()));
        values.put("nextIngestAt", retry == null ? null : utc(retry.nextAttemptAt()));
        values.put("lastIngestError", retry == null ? null : retry.lastError());
        values.put("createdAt", utc(video.createdAt()));
        values.put("updatedAt", utc(video.updatedAt()));
        values.put("version", version);
        values.put("captions", video.captions().wireName());
        values.put("renderAttempt", video.renderAttempt());
        return values;
    }

    AvatarVideo toVideo(ResultSet rs, StatementContext context) throws SQLException {
        String failureCode = rs.getString("failure_code");
        String filePath = rs.getString("file_path");
        String renderId = rs.getString("render_id");
        String temporaryUrl = rs.getString("temporary_url");
        IngestRetry retry = temporaryUrl == null ? null : new IngestRetry(URI.create(temporaryUrl), instant(rs, "temporary_until"),
                instant(rs, "next_ingest_at"), rs.getString("last_ingest_error"));
        StoredFile file = filePath == null ? null : StoredFileRows.read(rs, filePath);
        VideoStatus status = VideoStatus.valueOf(rs.getString("status"));
        return new AvatarVideo(
                new VideoId(rs.getObject("id", UUID.class)),
                new TenantId(rs.getString("tenant_id")),
                rs.getString("title"),
                scenes(rs.getString("scenes")),
                Resolution.fromLabel(rs.getString("resolution")),
                AspectRatio.fromLabel(rs.getString("aspect_ratio")),
                status,
                renderId == null ? null : new RenderId(renderId),
                failureCode == null ? null : new VideoFailure(failureCode, rs.getString("failure_message")),
                file,
                rs.getInt("ingest_attempts"),
                retry,
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"),
                CaptionChoice.fromWireName("caption_choice", rs.getString("caption_choice")),
                rs.getInt("render_attempt"),
                status == VideoStatus.READY ? LessonPartRows.read(rs) : LessonParts.NONE);
    }

    /**
     * The JSON shape of a scene column, kept apart from the domain record so renaming a field never breaks old rows.
     * {@code voice} and {@code background} are absent in rows from before they existed, and mean "none".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record SceneColumn(String avatarId, String voiceId, String script, VoiceColumn voice, BackgroundColumn background) {

        static SceneColumn of(Scene scene) {
            return new SceneColumn(scene.avatarId(), scene.voiceId(), scene.script(),
                    scene.voice().map(v -> new VoiceColumn(v.speed(), v.pitch(), v.volume(), v.locale().orElse(null))).orElse(null),
                    scene.background().map(b -> switch (b) {
                        case SceneBackground.Color color -> new BackgroundColumn(color.hex(), null);
                        case SceneBackground.Image image -> new BackgroundColumn(null, image.url().toString());
                    }).orElse(null));
        }

        Scene toScene() {
            return new Scene(avatarId, voiceId, script,
                    Optional.ofNullable(voice).map(v -> new VoiceSettings(v.speed(), v.pitch(), v.volume(), Optional.ofNullable(v.locale()))),
                    Optional.ofNullable(background).map(b -> b.color() != null
                            ? new SceneBackground.Color(b.color())
                            : SceneBackground.Image.of(b.imageUrl())));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record VoiceColumn(double speed, double pitch, double volume, String locale) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record BackgroundColumn(String color, String imageUrl) {
    }

    private String scenesJson(List<Scene> scenes) {
        try {
            return json.writeValueAsString(scenes.stream().map(SceneColumn::of).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write scenes as JSON", e);
        }
    }

    private List<Scene> scenes(String text) {
        try {
            List<SceneColumn> columns = json.readValue(text, new TypeReference<>() {
            });
            return columns.stream().map(SceneColumn::toScene).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scenes are not valid JSON", e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
