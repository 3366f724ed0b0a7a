package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.TopicsContract;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicContent;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.VideoId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topic repository contract on a real PostgreSQL, and what the schema itself refuses. */
class JdbiTopicsTest extends TopicsContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static DatabaseForTests fixture;

    @BeforeAll
    static void connect() {
        fixture = DatabaseForTests.migrated();
    }

    @AfterAll
    static void disconnect() {
        fixture.database().close();
    }

    @Override
    protected Repositories newRepositories() {
        return new Repositories(fixture.database().topics(), fixture.database().videos());
    }

    @Test
    void theSchemaRefusesAVideoThatDoesNotExistAndAFileInTwoTopics() {
        Topics topics = fixture.database().topics();
        TenantId tenant = TenantId.of("schema");
        StoredFile file = file(tenant);

        assertThatThrownBy(() -> topics.add(Topic.create(TopicId.newId(), tenant, "T", "en", List.of(new TopicContent.Video(VideoId.newId())), T0)))
                .hasMessageContaining("video_id");
        topics.add(Topic.create(TopicId.newId(), tenant, "T", "en", List.of(new TopicContent.Attachment(file)), T0));
        assertThatThrownBy(() -> topics.add(Topic.create(TopicId.newId(), tenant, "T2", "en", List.of(new TopicContent.Attachment(file)), T0)))
                .hasMessageContaining("topic_contents_file_owned_once");
    }

    @Test
    void updatingAndDeletingRemoveTheRecordsOfFilesTheTopicNoLongerHolds() {
        Topics topics = fixture.database().topics();
        TenantId tenant = TenantId.of("schema");
        StoredFile kept = file(tenant);
        StoredFile dropped = file(tenant);
        Topic topic = Topic.create(TopicId.newId(), tenant, "T", "en", List.of(new TopicContent.Attachment(kept), new TopicContent.Attachment(dropped)), T0);
        topics.add(topic);
        Jdbi raw = Jdbi.create(fixture.connection().dataSource());

        Topic updated = topics.update(topic.revise("T", "en", List.of(new TopicContent.Attachment(kept)), T0));
        assertThat(fileRows(raw, kept, dropped)).containsExactly(kept.storagePath().value());

        topics.delete(updated);
        assertThat(fileRows(raw, kept, dropped)).isEmpty();
        int contents = raw.withHandle(h -> h.createQuery("SELECT count(*) FROM topic_contents WHERE topic_id = :id")
                .bind("id", topic.id().value()).mapTo(Integer.class).one());
        assertThat(contents).isZero();
    }

    private static List<String> fileRows(Jdbi raw, StoredFile... files) {
        return raw.withHandle(h -> h.createQuery("SELECT storage_path FROM stored_files WHERE storage_path = ANY(:paths) ORDER BY storage_path")
                .bindArray("paths", String.class, java.util.Arrays.stream(files).map(f -> f.storagePath().value()).toList())
                .mapTo(String.class).list());
    }

    private static StoredFile file(TenantId tenant) {
        StorageKey key = StorageKey.newFor(tenant, "f.pdf");
        return new StoredFile(URI.create("http://localhost/files/" + key), "f.pdf", 1, "application/pdf", key, T0,
                "sha256:" + "00".repeat(32), "filesystem");
    }
}
