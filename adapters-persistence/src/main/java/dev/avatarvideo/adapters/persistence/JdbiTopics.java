package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicContent;
import dev.avatarvideo.domain.TopicCursor;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.TopicPage;
import dev.avatarvideo.domain.VideoId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link Topics} in PostgreSQL: one row per topic, one per content in order, and a {@code stored_files} row per
 * attached file. Every query names the tenant.
 */
final class JdbiTopics implements Topics {

    private final Jdbi jdbi;

    JdbiTopics(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(Topic topic) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO topics (id, tenant_id, title, language, created_at, updated_at, version)
                            VALUES (:id, :tenantId, :title, :language, :createdAt, :updatedAt, :version)""")
                    .bind("id", topic.id().value())
                    .bind("tenantId", topic.tenantId().value())
                    .bind("title", topic.title())
                    .bind("language", topic.language())
                    .bind("createdAt", utc(topic.createdAt()))
                    .bind("updatedAt", utc(topic.updatedAt()))
                    .bind("version", topic.version())
                    .execute();
            insertContents(handle, topic);
        });
    }

    @Override
    public Topic update(Topic topic) {
        return jdbi.inTransaction(handle -> {
            int changed = handle.createUpdate("""
                            UPDATE topics SET title = :title, language = :language, updated_at = :updatedAt, version = :version + 1
                             WHERE id = :id AND tenant_id = :tenantId AND version = :version""")
                    .bind("id", topic.id().value())
                    .bind("tenantId", topic.tenantId().value())
                    .bind("title", topic.title())
                    .bind("language", topic.language())
                    .bind("updatedAt", utc(topic.updatedAt()))
                    .bind("version", topic.version())
                    .execute();
            if (changed != 1) {
                throw new ConcurrentUpdateException("topic " + topic.id() + " is no longer at version " + topic.version());
            }
            Set<String> before = attachedPaths(handle, topic.id());
            handle.createUpdate("DELETE FROM topic_contents WHERE topic_id = :id").bind("id", topic.id().value()).execute();
            insertContents(handle, topic);
            Set<String> dropped = new HashSet<>(before);
            topic.attachments().forEach(f -> dropped.remove(f.storagePath().value()));
            StoredFileRows.delete(handle, dropped);
            return topic.withVersion(topic.version() + 1);
        });
    }

    @Override
    public void delete(Topic topic) {
        jdbi.useTransaction(handle -> {
            Set<String> attached = attachedPaths(handle, topic.id());
            int deleted = handle.createUpdate("DELETE FROM topics WHERE id = :id AND tenant_id = :tenantId AND version = :version")
                    .bind("id", topic.id().value())
                    .bind("tenantId", topic.tenantId().value())
                    .bind("version", topic.version())
                    .execute();
            if (deleted != 1) {
                throw new ConcurrentUpdateException("topic " + topic.id() + " changed or went away since version " + topic.version());
            }
            StoredFileRows.delete(handle, attached);
        });
    }

    @Override
    public Optional<Topic> find(TenantId tenantId, TopicId topicId) {
        return jdbi.withHandle(handle -> {
            List<TopicRow> rows = handle.createQuery("SELECT * FROM topics WHERE id = :id AND tenant_id = :tenantId")
                    .bind("id", topicId.value())
                    .bind("tenantId", tenantId.value())
                    .map(JdbiTopics::toRow)
                    .list();
            return withContents(handle, rows).stream().findFirst();
        });
    }

    @Override
    public TopicPage list(TenantId tenantId, int limit, Optional<TopicCursor> after) {
        List<Topic> topics = jdbi.withHandle(handle -> {
            var query = handle.createQuery("SELECT * FROM topics WHERE tenant_id = :tenantId"
                            + (after.isPresent() ? " AND (created_at, id) < (:afterCreatedAt, :afterId)" : "")
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("tenantId", tenantId.value())
                    .bind("limit", limit + 1);
            after.ifPresent(cursor -> query.bind("afterCreatedAt", utc(cursor.createdAt())).bind("afterId", cursor.id().value()));
            return withContents(handle, query.map(JdbiTopics::toRow).list());
        });
        if (topics.size() <= limit) {
            return new TopicPage(topics, Optional.empty());
        }
        List<Topic> page = topics.subList(0, limit);
        return new TopicPage(page, Optional.of(TopicCursor.after(page.getLast())));
    }

    private static void insertContents(Handle handle, Topic topic) {
        topic.attachments().forEach(file -> StoredFileRows.insert(handle, file));
        if (topic.contents().isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO topic_contents (topic_id, position, kind, body, video_id, file_path)
                VALUES (:topicId, :position, :kind, :body, CAST(:videoId AS uuid), :filePath)""");
        for (int position = 0; position < topic.contents().size(); position++) {
            TopicContent content = topic.contents().get(position);
            batch.bind("topicId", topic.id().value())
                    .bind("position", position)
                    .bind("kind", switch (content) {
                        case TopicContent.Text text -> "TEXT";
                        case TopicContent.Video video -> "VIDEO";
                        case TopicContent.Attachment attachment -> "FILE";
                    })
                    .bindByType("body", content instanceof TopicContent.Text(String text) ? text : null, String.class)
                    .bindByType("videoId", content instanceof TopicContent.Video(VideoId id) ? id.value() : null, UUID.class)
                    .bindByType("filePath", content instanceof TopicContent.Attachment(StoredFile file) ? file.storagePath().value() : null, String.class)
                    .add();
        }
        batch.execute();
    }

    private static Set<String> attachedPaths(Handle handle, TopicId id) {
        return new HashSet<>(handle.createQuery("SELECT file_path FROM topic_contents WHERE topic_id = :id AND file_path IS NOT NULL")
                .bind("id", id.value())
                .mapTo(String.class)
                .list());
    }

    /** A topic row before its contents are read. */
    private record TopicRow(TopicId id, TenantId tenantId, String title, String language, Instant createdAt, Instant updatedAt, long version) {
    }

    private static TopicRow toRow(ResultSet rs, org.jdbi.v3.core.statement.StatementContext context) throws SQLException {
        return new TopicRow(new TopicId(rs.getObject("id", UUID.class)), new TenantId(rs.getString("tenant_id")),
                rs.getString("title"), rs.getString("language"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
    }

    /** Reads the contents of all the topics in one query, keeping each topic's order. */
    private static List<Topic> withContents(Handle handle, List<TopicRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<TopicContent>> contents = new HashMap<>();
        rows.forEach(row -> contents.put(row.id().value(), new ArrayList<>()));
        handle.createQuery("SELECT c.topic_id, c.kind, c.body, c.video_id, c.file_path, " + StoredFileRows.COLUMNS + " " + """
                         FROM topic_contents c LEFT JOIN stored_files f ON f.storage_path = c.file_path
                         WHERE c.topic_id = ANY(:ids)
                         ORDER BY c.topic_id, c.position""")
                .bindArray("ids", UUID.class, rows.stream().map(r -> r.id().value()).toList())
                .map((rs, ctx) -> Map.entry(rs.getObject("topic_id", UUID.class), toContent(rs)))
                .forEach(entry -> contents.get(entry.getKey()).add(entry.getValue()));
        return rows.stream()
                .map(row -> new Topic(row.id(), row.tenantId(), row.title(), row.language(), contents.get(row.id().value()),
                        row.createdAt(), row.updatedAt(), row.version()))
                .toList();
    }

    private static TopicContent toContent(ResultSet rs) throws SQLException {
        return switch (rs.getString("kind")) {
            case "TEXT" -> new TopicContent.Text(rs.getString("body"));
            case "VIDEO" -> new TopicContent.Video(new VideoId(rs.getObject("video_id", UUID.class)));
            case "FILE" -> new TopicContent.Attachment(StoredFileRows.read(rs, rs.getString("file_path")));
            default -> throw new IllegalStateException("unknown content kind " + rs.getString("kind"));
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
