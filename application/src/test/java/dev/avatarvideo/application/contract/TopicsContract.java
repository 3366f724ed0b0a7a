package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicContent;
import dev.avatarvideo.domain.TopicCursor;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.TopicPage;
import dev.avatarvideo.domain.VideoId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Topics} implementation must do; the in-memory fake and the database adapter pass the same tests.
 * Topics refer to videos, so each implementation comes with the {@link Videos} it works beside.
 */
public abstract class TopicsContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

    private Topics topics;
    private Videos videos;
    private TenantId tenant;
    private TenantId otherTenant;

    /** A topic repository and the video repository beside it (sharing a database where there is one). */
    public record Repositories(Topics topics, Videos videos) {
    }

    protected abstract Repositories newRepositories();

    @BeforeEach
    void setUpRepositories() {
        Repositories repositories = newRepositories();
        topics = repositories.topics();
        videos = repositories.videos();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tenant = TenantId.of("t-" + suffix);
        otherTenant = TenantId.of("o-" + suffix);
    }

    @Test
    void keepsEveryFieldAndTheOrderOfContents() {
        AvatarVideo video = video(tenant);
        StoredFile slides = file(tenant, "Slides – week 1.pdf", "application/pdf");
        StoredFile notes = file(tenant, "notes.txt", "text/plain");
        Topic topic = Topic.create(TopicId.newId(), tenant, "Lesson 1 ✓", "pt-BR", List.of(
                new TopicContent.Text("Welcome\nto the course"),
                new TopicContent.Attachment(slides),
                new TopicContent.Video(video.id()),
                new TopicContent.Attachment(notes),
                new TopicContent.Video(video.id())), T0);

        topics.add(topic);

        assertThat(topics.find(tenant, topic.id())).contains(topic);
    }

    @Test
    void keepsATopicWithoutContents() {
        Topic topic = Topic.create(TopicId.newId(), tenant, "Empty for now", "en", List.of(), T0);

        topics.add(topic);

        assertThat(topics.find(tenant, topic.id())).contains(topic);
    }

    @Test
    void anotherTenantsTopicIsNotFound() {
        Topic topic = topic(T0, new TopicContent.Text("x"));
        topics.add(topic);

        assertThat(topics.find(otherTenant, topic.id())).isEmpty();
        assertThat(topics.find(tenant, TopicId.newId())).isEmpty();
    }

    @Test
    void refusesTheSameIdTwice() {
        Topic topic = topic(T0, new TopicContent.Text("x"));
        topics.add(topic);

        assertThatThrownBy(() -> topics.add(topic)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void anUpdateReplacesTheContentsKeepingAndDroppingFiles() {
        StoredFile kept = file(tenant, "kept.pdf", "application/pdf");
        StoredFile dropped = file(tenant, "dropped.pdf", "application/pdf");
        StoredFile added = file(tenant, "added.png", "image/png");
        Topic topic = topic(T0, new TopicContent.Attachment(kept), new TopicContent.Attachment(dropped), new TopicContent.Text("old"));
        topics.add(topic);

        Topic revised = topic.revise("Lesson 1, revised", "de", List.of(new TopicContent.Attachment(added),
                new TopicContent.Text("new"), new TopicContent.Attachment(kept)), T0.plusSeconds(60));
        Topic saved = topics.update(revised);

        assertThat(saved.version()).isEqualTo(topic.version() + 1);
        assertThat(topics.find(tenant, topic.id())).contains(saved);
    }

    @Test
    void staleChangesAreRefusedAndChangeNothing() {
        Topic topic = topic(T0, new TopicContent.Text("first"));
        topics.add(topic);
        Topic current = topics.update(topic.revise("Second", "en", List.of(new TopicContent.Text("second")), T0.plusSeconds(1)));

        assertThatThrownBy(() -> topics.update(topic.revise("Stale", "en", List.of(), T0.plusSeconds(2))))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThatThrownBy(() -> topics.delete(topic)).isInstanceOf(ConcurrentUpdateException.class);
        assertThatThrownBy(() -> topics.update(Topic.create(TopicId.newId(), tenant, "never added", "en", List.of(), T0)))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(topics.find(tenant, topic.id())).contains(current);
    }

    @Test
    void deletingRemovesTheTopicAndOnlyIt() {
        Topic doomed = topic(T0, new TopicContent.Attachment(file(tenant, "a.pdf", "application/pdf")));
        Topic other = topic(T0, new TopicContent.Attachment(file(tenant, "b.pdf", "application/pdf")));
        topics.add(doomed);
        topics.add(other);

        topics.delete(doomed);

        assertThat(topics.find(tenant, doomed.id())).isEmpty();
        assertThat(topics.find(tenant, other.id())).contains(other);
        assertThatThrownBy(() -> topics.delete(doomed)).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void listsNewestFirstInStablePagesForOneTenantOnly() {
        List<Topic> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Topic t = topic(T0.plusSeconds(i), new TopicContent.Text("t" + i));
            topics.add(t);
            created.add(t);
        }
        Topic sameInstant = topic(T0.plusSeconds(3), new TopicContent.Text("same instant"));
        topics.add(sameInstant);
        created.add(sameInstant);
        topics.add(Topic.create(TopicId.newId(), otherTenant, "other", "en", List.of(), T0.plusSeconds(100)));

        List<Topic> seen = new ArrayList<>();
        Optional<TopicCursor> cursor = Optional.empty();
        int pages = 0;
        do {
            TopicPage page = topics.list(tenant, 3, cursor);
            assertThat(page.topics()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page.topics());
            cursor = page.next();
            pages++;
        } while (cursor.isPresent() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(Topic::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(created.stream().map(Topic::id).toList());
        assertThat(seen).extracting(Topic::createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(seen).containsAll(created);
    }

    private Topic topic(Instant createdAt, TopicContent... contents) {
        return Topic.create(TopicId.newId(), tenant, "Lesson at " + createdAt, "en", List.of(contents), createdAt);
    }

    private AvatarVideo video(TenantId owner) {
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), owner, "v", List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.LANDSCAPE_16_9, T0);
        videos.add(video);
        return video;
    }

    private static StoredFile file(TenantId owner, String name, String type) {
        StorageKey key = StorageKey.newFor(owner, name);
        return new StoredFile(URI.create("http://localhost:8080/files/" + key), name, 4321, type, key, T0.plusSeconds(1),
                "sha256:" + "1a".repeat(32), "filesystem");
    }
}
