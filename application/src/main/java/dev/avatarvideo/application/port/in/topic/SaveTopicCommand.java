package dev.avatarvideo.application.port.in.topic;

import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicContent;
import dev.avatarvideo.domain.VideoId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A topic as a caller wants it saved: title, language and contents, with the files that came with the request.
 * Validates itself; every complaint names the field as the caller wrote it ({@code contents[2].videoId}), and a
 * complaint about a file names the request part that held it.
 *
 * <p>What depends on the installation (how many contents, how big a file) and on stored data (whether a video
 * exists for this tenant) is checked by the service.
 */
public record SaveTopicCommand(TenantId tenantId, String title, String language, List<ContentInput> contents) {

    public static final String TYPE_TEXT = "text";
    public static final String TYPE_AVATAR_VIDEO = "avatarVideo";
    public static final String TYPE_FILE = "file";
    private static final String TYPES = TYPE_TEXT + ", " + TYPE_AVATAR_VIDEO + ", " + TYPE_FILE;

    public SaveTopicCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        title = Topic.checkTitle(title);
        language = Topic.checkLanguage(language);
        if (contents == null) {
            throw new InvalidInputException("contents", "contents is required: give a list (it may be empty)");
        }
        Topic.checkCount(contents.size(), Topic.MAX_CONTENTS);
        for (int i = 0; i < contents.size(); i++) {
            if (contents.get(i) == null) {
                throw new InvalidInputException("contents[" + i + "]", "contents[" + i + "] must not be null");
            }
        }
        contents = List.copyOf(contents);
    }

    /** One content as the service will save it. */
    public sealed interface ContentInput {
    }

    public record TextInput(TopicContent.Text text) implements ContentInput {

        public TextInput {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A reference to a video the tenant already has. */
    public record VideoInput(int index, VideoId videoId) implements ContentInput {

        public VideoInput {
            Objects.requireNonNull(videoId, "videoId");
        }

        public String field() {
            return "contents[" + index + "].videoId";
        }
    }

    /** A new video to queue with the topic; the topic shows it once it is rendered. */
    public record GenerateInput(int index, GenerateAvatarVideoCommand video) implements ContentInput {

        public GenerateInput {
            Objects.requireNonNull(video, "video");
        }

        /** Where the video request sits in the topic request, for complaints about its fields. */
        public String field() {
            return "contents[" + index + "].generate";
        }
    }

    /** A file that came with this request. */
    public record FileInput(IncomingFile file) implements ContentInput {

        public FileInput {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A file already attached to the topic being updated, kept as it is. */
    public record KeepFileInput(int index, StorageKey storagePath) implements ContentInput {

        public KeepFileInput {
            Objects.requireNonNull(storagePath, "storagePath");
        }

        public String field() {
            return "contents[" + index + "].storagePath";
        }
    }

    /** Opens a file's bytes; called once, when the file is stored. */
    @FunctionalInterface
    public interface ContentSource {

        InputStream open() throws IOException;
    }

    /**
     * A file that came with the request, by the name of the request part that held it.
     *
     * @param fileName the name the sender gave it: only ever metadata, reduced to its last path segment
     * @param size its exact length in bytes
     */
    public record IncomingFile(String part, String fileName, String contentType, long size, ContentSource content) {

        private static final int MAX_NAME_LENGTH = 255;

        public IncomingFile {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(content, "content");
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative");
            }
            fileName = displayName(fileName, part);
            contentType = contentType == null || contentType.isBlank() || contentType.length() > 255
                    ? "application/octet-stream" : contentType.strip();
        }

        /** Browsers on some systems send a whole path; people may send control characters. Neither belongs in a name. */
        private static String displayName(String sent, String part) {
            String name = sent == null ? "" : sent.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
            if (name.isEmpty()) {
                name = part;
            }
            if (name.length() > MAX_NAME_LENGTH) {
                int dot = name.lastIndexOf('.');
                String extension = dot > 0 && name.length() - dot <= 11 ? name.substring(dot) : "";
                name = name.substring(0, MAX_NAME_LENGTH - extension.length()) + extension;
            }
            return name;
        }
    }

    /** The fields of one content exactly as a caller sent them, before validation. */
    public record ContentFields(String type, String text, String videoId, VideoFields generate, String part, String storagePath) {
    }

    /** The fields of a video request inside a content, as for {@code POST /api/videos}. */
    public record VideoFields(String title, String resolution, String aspectRatio, List<SceneFields> scenes) {
    }

    /**
     * Builds a command from a caller's raw fields and the files that came with the request, by part name. Every file
     * must be used by exactly one content, so nothing the caller sent is silently dropped.
     */
    public static SaveTopicCommand fromFields(TenantId tenantId, String title, String language, List<ContentFields> contents,
                                              Map<String, IncomingFile> files) {
        Topic.checkTitle(title);
        Topic.checkLanguage(language);
        if (contents == null) {
            throw new InvalidInputException("contents", "contents is required: give a list (it may be empty)");
        }
        Topic.checkCount(contents.size(), Topic.MAX_CONTENTS);
        Map<String, Integer> partUsedBy = new HashMap<>();
        List<ContentInput> inputs = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            inputs.add(parse(tenantId, i, contents.get(i), files, partUsedBy));
        }
        Set<String> unused = new TreeSet<>(files.keySet());
        unused.removeAll(partUsedBy.keySet());
        if (!unused.isEmpty()) {
            String part = unused.iterator().next();
            throw new InvalidInputException(part, "the request has a file in part '" + part
                    + "' that no content uses; add {\"type\": \"file\", \"part\": \"" + part + "\"} to contents or leave the file out");
        }
        return new SaveTopicCommand(tenantId, title, language, inputs);
    }

    private static ContentInput parse(TenantId tenantId, int index, ContentFields fields, Map<String, IncomingFile> files,
                                      Map<String, Integer> partUsedBy) {
        String at = "contents[" + index + "]";
        if (fields == null) {
            throw new InvalidInputException(at, at + " must be an object with a type");
        }
        if (fields.type() == null || fields.type().isBlank()) {
            throw new InvalidInputException(at + ".type", at + ".type is required: one of " + TYPES);
        }
        return switch (fields.type()) {
            case TYPE_TEXT -> {
                onlyFields(at, fields, "text");
                yield within(at, () -> new TextInput(new TopicContent.Text(fields.text())));
            }
            case TYPE_AVATAR_VIDEO -> avatarVideo(tenantId, index, fields);
            case TYPE_FILE -> file(index, fields, files, partUsedBy);
            default -> throw new InvalidInputException(at + ".type", at + ".type must be one of " + TYPES + " (got '" + fields.type() + "')");
        };
    }

    private static ContentInput avatarVideo(TenantId tenantId, int index, ContentFields fields) {
        String at = "contents[" + index + "]";
        onlyFields(at, fields, "videoId", "generate");
        if ((fields.videoId() == null) == (fields.generate() == null)) {
            throw new InvalidInputException(at, at + " of type avatarVideo needs exactly one of"
                    + " videoId (one of your videos) or generate (a new video request, as for POST /api/videos)");
        }
        if (fields.videoId() != null) {
            try {
                return new VideoInput(index, VideoId.parse(fields.videoId()));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at + ".videoId", at + ".videoId must be the id of one of your videos (a UUID)");
            }
        }
        VideoFields video = fields.generate();
        return within(at + ".generate", () -> new GenerateInput(index, GenerateAvatarVideoCommand.fromFields(tenantId, video.title(),
                video.resolution(), video.aspectRatio(), video.scenes())));
    }

    private static ContentInput file(int index, ContentFields fields, Map<String, IncomingFile> files, Map<String, Integer> partUsedBy) {
        String at = "contents[" + index + "]";
        onlyFields(at, fields, "part", "storagePath");
        if ((fields.part() == null) == (fields.storagePath() == null)) {
            throw new InvalidInputException(at, at + " of type file needs exactly one of"
                    + " part (the name of the multipart part holding a new file) or storagePath (a file the topic already has)");
        }
        if (fields.storagePath() != null) {
            return within(at, () -> new KeepFileInput(index, new StorageKey(fields.storagePath())));
        }
        String part = fields.part();
        IncomingFile file = files.get(part);
        if (file == null) {
            throw new InvalidInputException(at + ".part", "the request has no file in a part named '" + part
                    + "'; send the topic as multipart/form-data, the topic JSON in a part named 'topic' and each file in the part its content names");
        }
        Integer earlier = partUsedBy.putIfAbsent(part, index);
        if (earlier != null) {
            throw new InvalidInputException(at + ".part", "part '" + part + "' is already used by contents[" + earlier + "]; each file belongs to one content");
        }
        if (file.size() == 0) {
            throw new InvalidInputException(part, "the file in part '" + part + "' (" + at + ") is empty; a topic's files need content");
        }
        return new FileInput(file);
    }

    /** Runs a check whose complaints name fields inside a content, and names them from the top of the request. */
    private static ContentInput within(String parent, java.util.function.Supplier<ContentInput> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            throw e.within(parent);
        }
    }

    /** A field that belongs to another type is a mistake in the caller's code; say so instead of ignoring it. */
    private static void onlyFields(String at, ContentFields fields, String... allowed) {
        Set<String> permitted = Set.of(allowed);
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("text", fields.text());
        given.put("videoId", fields.videoId());
        given.put("generate", fields.generate());
        given.put("part", fields.part());
        given.put("storagePath", fields.storagePath());
        given.forEach((name, value) -> {
            if (value != null && !permitted.contains(name)) {
                throw new InvalidInputException(at + "." + name, name + " is not a field of a content of type " + fields.type()
                        + "; it takes " + String.join(", ", allowed));
            }
        });
    }
}
