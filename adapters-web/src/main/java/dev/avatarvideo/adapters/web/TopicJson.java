package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.avatarvideo.adapters.web.VideoJson.FileBody;
import dev.avatarvideo.adapters.web.VideoJson.VideoBody;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.ContentFields;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.ContentInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.GenerateInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.IncomingFile;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.VideoFields;
import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.in.topic.TopicViewPage;
import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.TopicContent;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes for topics. camelCase; the field names are a contract the platform relies on. */
final class TopicJson {

    private TopicJson() {
    }

    record TopicRequest(String title, String language, List<ContentRequest> contents) {

        /** Contents as the command reads them; a missing list stays missing, so the command can say so. */
        List<ContentFields> contentFields() {
            return contents == null ? null : contents.stream().map(c -> c == null ? null : c.fields()).toList();
        }

        /**
         * The command this request asks for. The command's video fields carry no captions, so the choice each
         * {@code generate} names is read here and given to the video it belongs to: a topic's video gets the captions
         * asked for exactly as one requested alone does.
         */
        SaveTopicCommand command(TenantId tenantId, Map<String, IncomingFile> files) {
            Map<Integer, CaptionChoice> captions = captionChoices();
            SaveTopicCommand command = SaveTopicCommand.fromFields(tenantId, title, language, contentFields(), files);
            if (captions.isEmpty()) {
                return command;
            }
            List<ContentInput> inputs = command.contents().stream().map(input -> switch (input) {
                case GenerateInput generate when captions.containsKey(generate.index()) ->
                        new GenerateInput(generate.index(), withCaptions(generate.video(), captions.get(generate.index())));
                default -> input;
            }).toList();
            return new SaveTopicCommand(command.tenantId(), command.title(), command.language(), inputs);
        }

        private Map<Integer, CaptionChoice> captionChoices() {
            Map<Integer, CaptionChoice> choices = new HashMap<>();
            for (int i = 0; contents != null && i < contents.size(); i++) {
                ContentRequest content = contents.get(i);
                if (content != null && content.generate() != null) {
                    CaptionChoice choice = CaptionChoices.of("contents[" + i + "].generate.captions", content.generate().captions());
                    if (choice != null) {
                        choices.put(i, choice);
                    }
                }
            }
            return choices;
        }

        private static GenerateAvatarVideoCommand withCaptions(GenerateAvatarVideoCommand video, CaptionChoice captions) {
            return new GenerateAvatarVideoCommand(video.tenantId(), video.title(), video.scenes(), video.resolution(), video.aspectRatio(),
                    captions, video.callbackUrl());
        }
    }

    /**
     * One content as sent: {@code type} says which of the other fields apply ({@code text}; {@code videoId} or
     * {@code generate}; {@code part} or {@code storagePath}).
     */
    record ContentRequest(String type, String text, String videoId, GenerateRequest generate, String part, String storagePath) {

        ContentFields fields() {
            VideoFields video = generate == null ? null
                    : new VideoFields(generate.title(), generate.resolution(), generate.aspectRatio(), generate.scenes());
            return new ContentFields(type, text, videoId, video, part, storagePath);
        }
    }

    /**
     * A video to queue with the topic: the fields of {@code POST /api/videos} but a {@code callbackUrl}, which a topic's
     * videos do not take (webhook endpoints hear about them).
     */
    record GenerateRequest(String title, String resolution, String aspectRatio, Object captions, List<SceneFields> scenes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContentBody(String type, String text, String videoId, VideoBody video, FileBody file) {

        static ContentBody of(TopicContent content, TopicView view) {
            return switch (content) {
                case TopicContent.Text(String text) -> new ContentBody(SaveTopicCommand.TYPE_TEXT, text, null, null, null);
                case TopicContent.Video(VideoId id) -> new ContentBody(SaveTopicCommand.TYPE_AVATAR_VIDEO, null, id.toString(),
                        view.video(id).map(VideoBody::of).orElse(null), null);
                case TopicContent.Attachment(StoredFile file) -> new ContentBody(SaveTopicCommand.TYPE_FILE, null, null, null, FileBody.of(file));
            };
        }
    }

    /**
     * @param status {@code READY} once every video it shows is ready, {@code WAITING_FOR_VIDEOS} while one is still
     *               being made, {@code VIDEO_FAILED} when one failed
     */
    record TopicBody(String id, String title, String language, String status, List<ContentBody> contents, Instant createdAt,
                     Instant updatedAt) {

        static TopicBody of(TopicView view) {
            return new TopicBody(
                    view.topic().id().toString(),
                    view.topic().title(),
                    view.topic().language(),
                    view.readiness().name(),
                    view.topic().contents().stream().map(c -> ContentBody.of(c, view)).toList(),
                    view.topic().createdAt(),
                    view.topic().updatedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TopicListBody(List<TopicBody> items, String nextCursor) {

        static TopicListBody of(TopicViewPage page) {
            return new TopicListBody(page.topics().stream().map(TopicBody::of).toList(),
                    page.next().map(CursorCodec::encodeTopic).orElse(null));
        }
    }
}
