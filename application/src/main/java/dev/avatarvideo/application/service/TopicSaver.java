package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.in.topic.SaveTopic;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.ContentInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.FileInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.GenerateInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.IncomingFile;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.KeepFileInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.TextInput;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.VideoInput;
import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.in.topic.UpdateTopic;
import dev.avatarvideo.application.port.in.topic.UpdateTopic.ConcurrentChangeException;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.FileTooLargeException;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicContent;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.VideoId;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Saves topics with their files and videos as one change: everything is checked before the first byte is stored,
 * files are uploaded through {@link CrashSafeStorage}, and one unit of work records the topic, the files and any
 * videos it requests. Whatever fails, nothing is left behind; files an update drops are purged after it commits.
 */
public final class TopicSaver implements SaveTopic, UpdateTopic {

    private final Topics topics;
    private final Videos videos;
    private final CrashSafeStorage files;
    private final Clock clock;
    private final TopicLimits limits;
    private final RendererIdCheck rendererIds;
    private final TopicViews views;

    public TopicSaver(Topics topics, Videos videos, FileStorage storage, CrashSafeStorage files, Clock clock, TopicLimits limits,
                      RendererIdCheck rendererIds) {
        this.topics = topics;
        this.videos = videos;
        this.files = files;
        this.clock = clock;
        this.limits = limits;
        this.rendererIds = rendererIds;
        this.views = new TopicViews(videos, storage);
    }

    @Override
    public TopicView save(SaveTopicCommand command) {
        check(command);
        Instant now = clock.now();
        TopicId id = TopicId.newId();
        Prepared prepared = prepare(command, Map.of(), now,
                contents -> Topic.create(id, command.tenantId(), command.title(), command.language(), contents, now));
        Topic topic = prepared.topic();
        files.saveClaiming(prepared.uploaded(), () -> {
            prepared.requested().forEach(videos::add);
            topics.add(topic);
            return topic;
        });
        return views.of(topic);
    }

    @Override
    public Optional<TopicView> update(TopicId topicId, SaveTopicCommand command) {
        check(command);
        Optional<Topic> found = topics.find(command.tenantId(), topicId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Topic current = found.get();
        Map<StorageKey, StoredFile> attached = current.attachments().stream()
                .collect(Collectors.toMap(StoredFile::storagePath, f -> f));
        Instant now = clock.now();
        Prepared prepared = prepare(command, attached, now,
                contents -> current.revise(command.title(), command.language(), contents, now));
        List<StoredFile> dropped = current.attachmentsDroppedBy(prepared.topic());
        Topic saved;
        try {
            saved = files.saveClaiming(prepared.uploaded(), () -> {
                prepared.requested().forEach(videos::add);
                Topic updated = topics.update(prepared.topic());
                dropped.forEach(f -> files.schedulePurge(f.storagePath()));
                return updated;
            });
        } catch (ConcurrentUpdateException e) {
            throw new ConcurrentChangeException("topic " + topicId + " was changed by someone else meanwhile; nothing was saved."
                    + " Read it again and send your change once more", e);
        }
        dropped.forEach(f -> files.purge(f.storagePath()));
        return Optional.of(views.of(saved));
    }

    /** What the installation and the stored data allow, checked before anything is stored. */
    private void check(SaveTopicCommand command) {
        Topic.checkCount(command.contents().size(), limits.maxContents());
        Set<VideoId> referenced = new HashSet<>();
        for (ContentInput input : command.contents()) {
            if (input instanceof FileInput(IncomingFile file) && file.size() > limits.maxFileBytes()) {
                throw new FileTooLargeException(file.part(), "the file in part '" + file.part() + "' has " + file.size()
                        + " bytes; files may have at most " + limits.maxFileBytes() + " bytes");
            }
            if (input instanceof VideoInput video) {
                referenced.add(video.videoId());
            }
            if (input instanceof GenerateInput generate) {
                try {
                    rendererIds.requireKnown(command.tenantId(), generate.video().scenes());
                } catch (InvalidInputException e) {
                    throw e.within(generate.field());
                }
            }
        }
        if (referenced.isEmpty()) {
            return;
        }
        Set<VideoId> known = videos.findAll(command.tenantId(), referenced).stream().map(AvatarVideo::id).collect(Collectors.toSet());
        for (ContentInput input : command.contents()) {
            if (input instanceof VideoInput video && !known.contains(video.videoId())) {
                throw new InvalidInputException(video.field(), "you have no video " + video.videoId()
                        + "; reference one of yours (GET /api/videos) or request a new one with \"generate\"");
            }
        }
    }

    private record Prepared(Topic topic, List<StorageKey> uploaded, List<AvatarVideo> requested) {
    }

    /**
     * Turns the inputs into contents, uploading new files on the way. If anything fails, the files uploaded so far
     * are removed: no unit of work has seen them yet.
     */
    private Prepared prepare(SaveTopicCommand command, Map<StorageKey, StoredFile> attached, Instant now,
                             java.util.function.Function<List<TopicContent>, Topic> build) {
        TenantId tenant = command.tenantId();
        List<TopicContent> contents = new ArrayList<>(command.contents().size());
        List<StorageKey> uploaded = new ArrayList<>();
        List<AvatarVideo> requested = new ArrayList<>();
        Map<StorageKey, Integer> kept = new HashMap<>();
        try {
            for (ContentInput input : command.contents()) {
                switch (input) {
                    case TextInput text -> contents.add(text.text());
                    case VideoInput video -> contents.add(new TopicContent.Video(video.videoId()));
                    case GenerateInput generate -> {
                        GenerateAvatarVideoCommand request = generate.video();
                        AvatarVideo video = AvatarVideo.request(VideoId.newId(), tenant, request.title(), request.scenes(),
                                request.resolution(), request.aspectRatio(), request.captions(), now);
                        requested.add(video);
                        contents.add(new TopicContent.Video(video.id()));
                    }
                    case KeepFileInput keep -> {
                        StoredFile file = attached.get(keep.storagePath());
                        if (file == null) {
                            throw new InvalidInputException(keep.field(), "this topic has no file " + keep.storagePath()
                                    + "; storagePath can only keep a file the topic already holds");
                        }
                        Integer earlier = kept.putIfAbsent(keep.storagePath(), keep.index());
                        if (earlier != null) {
                            throw new InvalidInputException(keep.field(), "file " + keep.storagePath() + " is already kept by contents[" + earlier + "]");
                        }
                        contents.add(new TopicContent.Attachment(file));
                    }
                    case FileInput(IncomingFile file) -> {
                        StorageKey key = StorageKey.newFor(tenant, file.fileName());
                        contents.add(new TopicContent.Attachment(upload(key, file)));
                        uploaded.add(key);
                    }
                }
            }
            return new Prepared(build.apply(contents), List.copyOf(uploaded), List.copyOf(requested));
        } catch (RuntimeException e) {
            uploaded.forEach(files::discardUnrecorded);
            throw e;
        }
    }

    private StoredFile upload(StorageKey key, IncomingFile file) {
        try (InputStream content = file.content().open()) {
            return files.upload(key, new FileUpload(content, OptionalLong.of(file.size()), file.fileName(), file.contentType()));
        } catch (IOException e) {
            throw new FileStorage.StorageFailureException("could not read the file in part '" + file.part() + "'", e);
        }
    }
}
