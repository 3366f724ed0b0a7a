package dev.avatarvideo.domain;

import static dev.avatarvideo.domain.DomainFixtures.T0;
import static dev.avatarvideo.domain.DomainFixtures.TENANT;
import static dev.avatarvideo.domain.DomainFixtures.storedFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void keepsContentsInOrderAndKnowsItsFilesAndVideos() {
        StoredFile slides = storedFile(TENANT);
        VideoId video = VideoId.newId();
        Topic topic = Topic.create(TopicId.newId(), TENANT, "  Lesson 1 ", "pt-BR", List.of(
                new TopicContent.Text("Welcome"), new TopicContent.Video(video), new TopicContent.Attachment(slides),
                new TopicContent.Video(video)), T0);

        assertThat(topic.title()).isEqualTo("Lesson 1");
        assertThat(topic.contents()).hasSize(4).first().isEqualTo(new TopicContent.Text("Welcome"));
        assertThat(topic.attachments()).containsExactly(slides);
        assertThat(topic.videoIds()).containsExactly(video);
        assertThat(topic.version()).isZero();
    }

    @Test
    void namesTheFieldOfEveryBadValue() {
        assertField(() -> topic("", "en", List.of()), "title");
        assertField(() -> topic("x".repeat(256), "en", List.of()), "title");
        assertField(() -> topic("T", null, List.of()), "language");
        assertField(() -> topic("T", "english please", List.of()), "language");
        assertField(() -> topic("T", "en", null), "contents");
        assertField(() -> topic("T", "en", Collections.nCopies(Topic.MAX_CONTENTS + 1, new TopicContent.Text("x"))), "contents");
        List<TopicContent> withNull = new ArrayList<>();
        withNull.add(new TopicContent.Text("a"));
        withNull.add(null);
        assertField(() -> topic("T", "en", withNull), "contents[1]");
        assertField(() -> new TopicContent.Text(" "), "text");
        assertField(() -> new TopicContent.Text("x".repeat(TopicContent.Text.MAX_LENGTH + 1)), "text");
        assertField(() -> new TopicContent.Video(null), "videoId");
        assertField(() -> Topic.checkCount(1000, 200), "contents");
    }

    @Test
    void refusesAnotherTenantsFileAndTheSameFileTwice() {
        StoredFile file = storedFile(TENANT);

        assertThatThrownBy(() -> topic("T", "en", List.of(new TopicContent.Attachment(storedFile(TenantId.of("other"))))))
                .hasMessageContaining("other");
        assertThatThrownBy(() -> topic("T", "en", List.of(new TopicContent.Attachment(file), new TopicContent.Attachment(file))))
                .hasMessageContaining("twice");
    }

    @Test
    void aRevisionKnowsWhichFilesItDropped() {
        StoredFile kept = storedFile(TENANT);
        StoredFile dropped = storedFile(TENANT);
        Topic topic = topic("T", "en", List.of(new TopicContent.Attachment(kept), new TopicContent.Attachment(dropped)));

        Topic revised = topic.revise("T2", "de", List.of(new TopicContent.Attachment(kept), new TopicContent.Text("new")), T0.plusSeconds(5));

        assertThat(topic.attachmentsDroppedBy(revised)).containsExactly(dropped);
        assertThat(revised.createdAt()).isEqualTo(T0);
        assertThat(revised.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(revised.language()).isEqualTo("de");
    }

    @Test
    void issuesFreshFileAddressesWithoutTouchingAnythingElse() {
        Topic topic = topic("T", "en", List.of(new TopicContent.Text("a"), new TopicContent.Attachment(storedFile(TENANT))));

        Topic fresh = topic.withFileUrls(f -> URI.create("https://signed.example/" + f.storagePath()));

        assertThat(fresh.attachments().getFirst().fileUrl().toString()).startsWith("https://signed.example/acme/");
        assertThat(fresh.contents().getFirst()).isEqualTo(new TopicContent.Text("a"));
        assertThat(fresh.withFileUrls(StoredFile::fileUrl)).isEqualTo(fresh);
    }

    private static Topic topic(String title, String language, List<TopicContent> contents) {
        return Topic.create(TopicId.newId(), TENANT, title, language, contents, T0);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
