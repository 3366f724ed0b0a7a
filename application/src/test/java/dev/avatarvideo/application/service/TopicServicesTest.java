package dev.avatarvideo.application.service;

import static dev.avatarvideo.application.service.ServiceTestKit.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.application.port.in.topic.ListTopicsQuery;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.ContentFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.IncomingFile;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.VideoFields;
import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.in.topic.TopicView.Readiness;
import dev.avatarvideo.application.port.out.storage.FileStorage.StorageFailureException;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.FileTooLargeException;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.TopicContent;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Saving, updating, reading and deleting topics on the in-memory out-ports. */
class TopicServicesTest {

    private final ServiceTestKit kit = new ServiceTestKit();

    @Test
    void savesTextVideosAndFilesInOrderWithEveryFilesMetadata() throws Exception {
        AvatarVideo intro = kit.request("Intro");
        Map<String, IncomingFile> files = new LinkedHashMap<>();
        files.put("slides", file("slides", "C:\\Users\\ann\\Week 1.pdf", "application/pdf", "%PDF-1.7 slides"));
        files.put("sheet", file("sheet", "sheet.csv", "text/csv", "a,b\n1,2\n"));

        TopicView view = kit.topicSaver.save(command(List.of(
                text("Welcome"), video(intro.id()), part("slides"), part("sheet")), files));

        List<TopicContent> contents = view.topic().contents();
        assertThat(contents).hasSize(4);
        assertThat(contents.get(0)).isEqualTo(new TopicContent.Text("Welcome"));
        assertThat(contents.get(1)).isEqualTo(new TopicContent.Video(intro.id()));
        StoredFile slides = ((TopicContent.Attachment) contents.get(2)).file();
        assertThat(slides.fileName()).isEqualTo("Week 1.pdf");
        assertThat(slides.fileType()).isEqualTo("application/pdf");
        assertThat(slides.fileSize()).isEqualTo("%PDF-1.7 slides".length());
        assertThat(slides.checksum()).isEqualTo(sha256("%PDF-1.7 slides"));
        assertThat(slides.storagePath().value()).startsWith("acme/").endsWith(".pdf");
        assertThat(slides.provider()).isEqualTo("memory");
        assertThat(slides.uploadedAt()).isEqualTo(kit.clock.now());
        assertThat(kit.storage.keys()).containsExactlyInAnyOrderElementsOf(view.topic().attachments().stream().map(StoredFile::storagePath).toList());
        assertThat(kit.unclaimed.entries()).as("every upload claimed").isEmpty();
        assertThat(view.readiness()).isEqualTo(Readiness.WAITING_FOR_VIDEOS);
        assertThat(view.video(intro.id())).hasValueSatisfying(v -> assertThat(v.status()).isEqualTo(VideoStatus.QUEUED));
        assertThat(kit.topicQueries.get(TENANT, view.topic().id())).contains(view);
    }

    @Test
    void aVideoQueuedWithATopicKeepsTheCaptionsItsRequestChose() {
        dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand sidecar = new dev.avatarvideo.application.port.in.video
                .GenerateAvatarVideoCommand(TENANT, "Captioned", List.of(new dev.avatarvideo.domain.Scene("sim-avatar-anna", "sim-voice-en-1",
                "Hello")), null, null, dev.avatarvideo.domain.CaptionChoice.SIDECAR);
        SaveTopicCommand command = command(List.of(), Map.of());
        SaveTopicCommand withVideo = new SaveTopicCommand(command.tenantId(), command.title(), command.language(),
                List.of(new SaveTopicCommand.GenerateInput(0, sidecar)));

        TopicView view = kit.topicSaver.save(withVideo);

        AvatarVideo queued = kit.reload(view.topic().videoIds().iterator().next());
        assertThat(queued.captions()).isEqualTo(dev.avatarvideo.domain.CaptionChoice.SIDECAR);
    }

    @Test
    void aGenerateRequestQueuesAVideoWithTheTopicWhichWaitsUntilItIsReady() {
        ContentFields generate = new ContentFields("avatarVideo", null, null, new VideoFields("Lesson video", "1080p", "9:16",
                List.of(new SceneFields("sim-avatar-anna", "sim-voice-en-1", "Hello"))), null, null);

        TopicView view = kit.topicSaver.save(command(List.of(generate), Map.of()));

        VideoId requested = view.topic().videoIds().iterator().next();
        AvatarVideo queued = kit.reload(requested);
        assertThat(queued.status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(queued.tenantId()).isEqualTo(TENANT);
        assertThat(queued.resolution()).isEqualTo(Resolution.P1080);
        assertThat(view.readiness()).isEqualTo(Readiness.WAITING_FOR_VIDEOS);

        kit.submitter.submitQueued();
        kit.renderer.completeRender(requested);
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        kit.ingester.ingestPending();

        TopicView later = kit.topicQueries.get(TENANT, view.topic().id()).orElseThrow();
        assertThat(later.readiness()).isEqualTo(Readiness.READY);
        assertThat(later.video(requested).orElseThrow().file()).isNotNull();
    }

    @Test
    void refusesUnknownAndForeignVideosBeforeStoringAnything() {
        AvatarVideo foreign = AvatarVideo.request(VideoId.newId(), TenantId.of("other"), null, List.of(new Scene("a", "v", "s")),
                Resolution.P720, AspectRatio.SQUARE, kit.clock.now());
        kit.videos.add(foreign);
        Map<String, IncomingFile> files = Map.of("f", file("f", "f.txt", "text/plain", "content"));

        assertField(() -> kit.topicSaver.save(command(List.of(part("f"), video(VideoId.newId())), files)), "contents[1].videoId");
        assertField(() -> kit.topicSaver.save(command(List.of(text("a"), part("f"), video(foreign.id())), files)), "contents[2].videoId");

        assertNothingStored();
    }

    @Test
    void refusesMoreContentsOrBiggerFilesThanConfiguredBeforeStoringAnything() {
        List<ContentFields> many = new ArrayList<>();
        for (int i = 0; i <= ServiceTestKit.LIMITS.maxContents(); i++) {
            many.add(text("t" + i));
        }
        assertField(() -> kit.topicSaver.save(command(many, Map.of())), "contents");

        Map<String, IncomingFile> files = new LinkedHashMap<>();
        files.put("small", file("small", "s.txt", "text/plain", "fine"));
        files.put("big", file("big", "b.bin", "application/octet-stream", "x".repeat((int) ServiceTestKit.LIMITS.maxFileBytes() + 1)));
        assertThatThrownBy(() -> kit.topicSaver.save(command(List.of(part("small"), part("big")), files)))
                .isInstanceOfSatisfying(FileTooLargeException.class, e -> {
                    assertThat(e.field()).isEqualTo("big");
                    assertThat(e.getMessage()).contains("1001 bytes").contains("at most 1000");
                });

        assertNothingStored();
    }

    @Test
    void whenAnUploadFailsTheFilesAlreadyUploadedAreRemoved() {
        Map<String, IncomingFile> files = new LinkedHashMap<>();
        files.put("first", file("first", "1.txt", "text/plain", "one"));
        files.put("second", new IncomingFile("second", "2.txt", "text/plain", 3, () -> {
            kit.storage.failNextStore(new StorageFailureException("bucket unreachable"));
            return new ByteArrayInputStream("two".getBytes(StandardCharsets.UTF_8));
        }));

        assertThatThrownBy(() -> kit.topicSaver.save(command(List.of(part("first"), part("second")), files)))
                .hasMessageContaining("bucket unreachable");

        assertNothingStored();
    }

    @Test
    void aGenerateRequestNamingAnAvatarTheAccountDoesNotHaveIsRefusedBeforeAnythingIsStored() {
        kit.catalog.accept(ServiceTestKit.KEY).addLook(dev.avatarvideo.application.fakes.InMemoryRendererCatalog.look("sim-avatar-anna",
                dev.avatarvideo.domain.AvatarType.STUDIO_AVATAR), dev.avatarvideo.domain.Ownership.PUBLIC);
        kit.catalog.addVoice(dev.avatarvideo.application.fakes.InMemoryRendererCatalog.voice("sim-voice-en-1", "English", "female",
                dev.avatarvideo.domain.Ownership.PUBLIC));
        Map<String, IncomingFile> files = Map.of("f", file("f", "f.txt", "text/plain", "content"));
        ContentFields typo = new ContentFields("avatarVideo", null, null, new VideoFields(null, null, null,
                List.of(new SceneFields("sim-avatar-ana", "sim-voice-en-1", "Hello"))), null, null);

        assertThatThrownBy(() -> kit.topicSaver.save(command(List.of(part("f"), typo), files)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("contents[1].generate.scenes[0].avatarId"));

        assertNothingStored();
    }

    @Test
    void whenSavingTheRecordsFailsEveryUploadedFileIsRemovedAndNoVideoQueued() {
        kit.topics.beforeEachWrite(t -> {
            throw new IllegalStateException("connection to database lost");
        });
        Map<String, IncomingFile> files = Map.of("f", file("f", "f.txt", "text/plain", "content"));
        ContentFields generate = new ContentFields("avatarVideo", null, null, new VideoFields(null, null, null,
                List.of(new SceneFields("a", "v", "s"))), null, null);

        assertThatThrownBy(() -> kit.topicSaver.save(command(List.of(part("f"), generate), files)))
                .hasMessageContaining("connection to database lost");

        assertNothingStored();
    }

    @Test
    void whenTheRemovalAfterAFailureFailsTooTheSweeperRemovesTheFileAfterTheGracePeriod() {
        kit.topics.beforeEachWrite(t -> {
            throw new IllegalStateException("connection to database lost");
        });
        kit.storage.failDeletes(new StorageFailureException("bucket unreachable"));

        assertThatThrownBy(() -> kit.topicSaver.save(command(List.of(part("f")), Map.of("f", file("f", "f.txt", "text/plain", "x")))));
        assertThat(kit.storage.keys()).hasSize(1);
        assertThat(kit.unclaimed.entries()).hasSize(1);

        kit.storage.deletesWork();
        assertThat(kit.sweeper.sweepOnce()).isZero();
        kit.clock.advance(ServiceTestKit.UPLOAD_GRACE);
        assertThat(kit.sweeper.sweepOnce()).isEqualTo(1);
        assertNothingStored();
    }

    @Test
    void anUpdateKeepsNamedFilesUploadsNewOnesAndPurgesTheRest() {
        Map<String, IncomingFile> files = new LinkedHashMap<>();
        files.put("a", file("a", "a.txt", "text/plain", "aaa"));
        files.put("b", file("b", "b.txt", "text/plain", "bbb"));
        TopicView original = kit.topicSaver.save(command(List.of(part("a"), part("b")), files));
        StoredFile kept = original.topic().attachments().get(0);
        StoredFile dropped = original.topic().attachments().get(1);

        TopicView updated = kit.topicSaver.update(original.topic().id(), SaveTopicCommand.fromFields(TENANT, "Revised", "de",
                List.of(text("new intro"), keep(kept), part("c")), Map.of("c", file("c", "c.txt", "text/plain", "ccc")))).orElseThrow();

        assertThat(updated.topic().title()).isEqualTo("Revised");
        assertThat(updated.topic().version()).isEqualTo(1);
        assertThat(updated.topic().attachments()).hasSize(2).first().isEqualTo(kept);
        assertThat(kit.storage.keys()).containsExactlyInAnyOrderElementsOf(updated.topic().attachments().stream().map(StoredFile::storagePath).toList())
                .doesNotContain(dropped.storagePath());
        assertThat(kit.unclaimed.entries()).isEmpty();
    }

    @Test
    void anUpdateCannotKeepAFileTheTopicDoesNotHold() {
        TopicView first = kit.topicSaver.save(command(List.of(part("a")), Map.of("a", file("a", "a.txt", "text/plain", "aaa"))));
        TopicView second = kit.topicSaver.save(command(List.of(text("second")), Map.of()));
        StoredFile othersFile = first.topic().attachments().getFirst();

        assertField(() -> kit.topicSaver.update(second.topic().id(), command(List.of(text("x"), keep(othersFile)), Map.of())),
                "contents[1].storagePath");
        assertField(() -> kit.topicSaver.update(first.topic().id(), command(List.of(keep(othersFile), keep(othersFile)), Map.of())),
                "contents[1].storagePath");
        assertField(() -> kit.topicSaver.save(command(List.of(keep(othersFile)), Map.of())), "contents[0].storagePath");
        assertThat(kit.topicSaver.update(dev.avatarvideo.domain.TopicId.newId(), command(List.of(), Map.of()))).isEmpty();
    }

    @Test
    void anUpdateRacingAnotherOneIsRefusedAndLeavesNoUpload() {
        TopicView original = kit.topicSaver.save(command(List.of(text("v1")), Map.of()));
        kit.topics.beforeEachWrite(topic -> {
            kit.topics.beforeEachWrite(t -> {
            });
            // Someone else's change lands between reading and writing.
            kit.topics.update(kit.topics.find(TENANT, topic.id()).orElseThrow().revise("theirs", "en", List.of(), kit.clock.now()));
        });

        assertThatThrownBy(() -> kit.topicSaver.update(original.topic().id(), command(List.of(part("f")),
                Map.of("f", file("f", "f.txt", "text/plain", "mine")))))
                .isInstanceOf(dev.avatarvideo.application.port.in.topic.UpdateTopic.ConcurrentChangeException.class)
                .hasMessageContaining("changed by someone else");

        assertThat(kit.topicQueries.get(TENANT, original.topic().id()).orElseThrow().topic().contents()).doesNotHaveAnyElementsOfTypes(TopicContent.Attachment.class);
        assertThat(kit.storage.keys()).isEmpty();
        assertThat(kit.unclaimed.entries()).isEmpty();
    }

    @Test
    void deletingPurgesTheTopicsFilesButLeavesItsVideos() {
        AvatarVideo video = kit.request("kept");
        TopicView view = kit.topicSaver.save(command(List.of(video(video.id()), part("a")), Map.of("a", file("a", "a.txt", "text/plain", "aaa"))));
        TopicView other = kit.topicSaver.save(command(List.of(part("b")), Map.of("b", file("b", "b.txt", "text/plain", "bbb"))));

        assertThat(kit.topicDeleter.delete(TENANT, view.topic().id())).isTrue();

        assertThat(kit.topicQueries.get(TENANT, view.topic().id())).isEmpty();
        assertThat(kit.storage.keys()).containsExactly(other.topic().attachments().getFirst().storagePath());
        assertThat(kit.unclaimed.entries()).isEmpty();
        assertThat(kit.videos.findById(video.id())).isPresent();
        assertThat(kit.topicDeleter.delete(TENANT, view.topic().id())).isFalse();
        assertThat(kit.topicDeleter.delete(TenantId.of("other"), other.topic().id())).isFalse();
    }

    @Test
    void aPurgeThatCannotDeleteTheObjectNowIsFinishedByTheSweeper() {
        TopicView view = kit.topicSaver.save(command(List.of(part("a")), Map.of("a", file("a", "a.txt", "text/plain", "aaa"))));
        kit.storage.failDeletes(new StorageFailureException("bucket unreachable"));

        assertThat(kit.topicDeleter.delete(TENANT, view.topic().id())).isTrue();
        assertThat(kit.topicQueries.get(TENANT, view.topic().id())).isEmpty();
        assertThat(kit.storage.keys()).hasSize(1);
        assertThat(kit.unclaimed.entries()).hasSize(1);

        assertThat(kit.sweeper.sweepOnce()).as("storage still down").isZero();
        kit.storage.deletesWork();
        assertThat(kit.sweeper.sweepOnce()).as("a purge is due at once, no grace period").isEqualTo(1);
        assertNothingStored();
    }

    @Test
    void listsTopicsNewestFirstInPages() {
        for (int i = 0; i < 3; i++) {
            kit.topicSaver.save(command(List.of(text("t" + i)), Map.of()));
            kit.clock.advance(java.time.Duration.ofSeconds(1));
        }

        var first = kit.topicQueries.list(new ListTopicsQuery(TENANT, 2, Optional.empty()));
        var second = kit.topicQueries.list(new ListTopicsQuery(TENANT, 2, first.next()));

        assertThat(first.topics()).extracting(v -> v.topic().contents().getFirst()).containsExactly(new TopicContent.Text("t2"), new TopicContent.Text("t1"));
        assertThat(second.topics()).hasSize(1);
        assertThat(second.next()).isEmpty();
    }

    private void assertNothingStored() {
        assertThat(kit.storage.keys()).isEmpty();
        assertThat(kit.unclaimed.entries()).isEmpty();
        assertThat(kit.topics.size()).isZero();
        assertThat(kit.videos.list(TENANT, 100, Optional.empty()).videos()).isEmpty();
    }

    private static SaveTopicCommand command(List<ContentFields> contents, Map<String, IncomingFile> files) {
        return SaveTopicCommand.fromFields(TENANT, "Lesson 1", "en", contents, files);
    }

    private static ContentFields text(String text) {
        return new ContentFields("text", text, null, null, null, null);
    }

    private static ContentFields video(VideoId id) {
        return new ContentFields("avatarVideo", null, id.toString(), null, null, null);
    }

    private static ContentFields part(String part) {
        return new ContentFields("file", null, null, null, part, null);
    }

    private static ContentFields keep(StoredFile file) {
        return new ContentFields("file", null, null, null, null, file.storagePath().value());
    }

    static IncomingFile file(String part, String name, String type, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new IncomingFile(part, name, type, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    private static String sha256(String content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
