package dev.avatarvideo.application.port.in.topic;

import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.ContentFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.FileInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.GenerateInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.IncomingFile;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.KeepFileInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.TextInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.VideoFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.VideoInput;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaveTopicCommandTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final String VIDEO = UUID.randomUUID().toString();

    @Test
    void turnsEveryKindOfContentIntoItsInput() {
        SaveTopicCommand command = SaveTopicCommand.fromFields(TENANT, " Lesson ", "en-GB", List.of(
                fields("text", "Hello", null, null, null, null),
                fields("avatarVideo", null, VIDEO, null, null, null),
                fields("avatarVideo", null, null, new VideoFields("v", null, null, List.of(new SceneFields("a", "v", "s"))), null, null),
                fields("file", null, null, null, "slides", null),
                fields("file", null, null, null, null, "acme/0123456789abcdef0123456789abcdef.pdf")),
                Map.of("slides", file("slides", 10)));

        assertThat(command.title()).isEqualTo("Lesson");
        assertThat(command.contents()).hasSize(5);
        assertThat(command.contents().get(0)).isInstanceOf(TextInput.class);
        assertThat(command.contents().get(1)).isInstanceOfSatisfying(VideoInput.class, v -> assertThat(v.field()).isEqualTo("contents[1].videoId"));
        assertThat(command.contents().get(2)).isInstanceOf(GenerateInput.class);
        assertThat(command.contents().get(3)).isInstanceOfSatisfying(FileInput.class, f -> assertThat(f.file().part()).isEqualTo("slides"));
        assertThat(command.contents().get(4)).isInstanceOf(KeepFileInput.class);
    }

    @Test
    void namesTheOffendingFieldAsTheCallerWroteIt() {
        assertField(List.of(fields(null, "x", null, null, null, null)), Map.of(), "contents[0].type");
        assertField(List.of(fields("video", null, VIDEO, null, null, null)), Map.of(), "contents[0].type");
        assertField(List.of(fields("text", " ", null, null, null, null)), Map.of(), "contents[0].text");
        assertField(List.of(fields("text", "hi", VIDEO, null, null, null)), Map.of(), "contents[0].videoId");
        assertField(List.of(fields("text", "hi", null, null, null, null), fields("avatarVideo", null, "not-a-uuid", null, null, null)), Map.of(), "contents[1].videoId");
        assertField(List.of(fields("avatarVideo", null, null, null, null, null)), Map.of(), "contents[0]");
        assertField(List.of(fields("avatarVideo", null, null, new VideoFields(null, null, null, List.of(new SceneFields("a", "v", ""))), null, null)),
                Map.of(), "contents[0].generate.scenes[0].script");
        assertField(List.of(fields("avatarVideo", null, null, new VideoFields(null, "8k", null, List.of(new SceneFields("a", "v", "s"))), null, null)),
                Map.of(), "contents[0].generate.resolution");
        assertField(List.of(fields("file", null, null, null, "missing", null)), Map.of(), "contents[0].part");
        assertField(List.of(fields("file", null, null, null, "f", null), fields("file", null, null, null, "f", null)), Map.of("f", file("f", 1)), "contents[1].part");
        assertField(List.of(fields("file", null, null, null, null, "../../etc/passwd")), Map.of(), "contents[0].storagePath");
        assertField(List.of(fields("file", null, null, null, "empty", null)), Map.of("empty", file("empty", 0)), "empty");
        assertField(List.of(), Map.of("stray", file("stray", 5)), "stray");
        List<ContentFields> withNull = new ArrayList<>();
        withNull.add(null);
        assertField(withNull, Map.of(), "contents[0]");
        assertField(Collections.nCopies(1000, fields("text", "x", null, null, null, null)), Map.of(), "contents");
        assertThatThrownBy(() -> SaveTopicCommand.fromFields(TENANT, "T", "en", null, Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("contents"));
        assertThatThrownBy(() -> SaveTopicCommand.fromFields(TENANT, "T", "x", List.of(), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("language"));
        assertThatThrownBy(() -> SaveTopicCommand.fromFields(TENANT, null, "en", List.of(), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("title"));
    }

    @Test
    void keepsOnlyTheLastSegmentOfAFileNameAndFallsBackToThePartName() {
        assertThat(file("p", 1, "C:\\fakepath\\Slides.pdf").fileName()).isEqualTo("Slides.pdf");
        assertThat(file("p", 1, "../../x/notes.txt").fileName()).isEqualTo("notes.txt");
        assertThat(file("p", 1, "  ").fileName()).isEqualTo("p");
        assertThat(file("p", 1, "x".repeat(300) + ".pdf").fileName()).hasSize(255).endsWith(".pdf");
        assertThat(file("p", 1, "a.txt").contentType()).isEqualTo("text/plain");
        assertThat(new IncomingFile("p", "a", null, 1, InputStream::nullInputStream).contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void theCeilingHoldsWhateverTheConfigurationSays() {
        assertThat(Topic.MAX_CONTENTS).isLessThan(1000);
    }

    private static void assertField(List<ContentFields> contents, Map<String, IncomingFile> files, String field) {
        assertThatThrownBy(() -> SaveTopicCommand.fromFields(TENANT, "T", "en", contents, files))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).as(e.getMessage()).isEqualTo(field));
    }

    private static ContentFields fields(String type, String text, String videoId, VideoFields generate, String part, String storagePath) {
        return new ContentFields(type, text, videoId, generate, part, storagePath);
    }

    private static IncomingFile file(String part, long size) {
        return file(part, size, part + ".txt");
    }

    private static IncomingFile file(String part, long size, String name) {
        return new IncomingFile(part, name, "text/plain", size, InputStream::nullInputStream);
    }
}
