package dev.avatarvideo.domain;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A course topic (a lesson): a title, the language it is taught in, and its contents in order.
 *
 * <p>The files attached to a topic belong to it alone: no two topics, and no topic twice, hold the same stored file,
 * so purging a topic's files can never take one away from another record.
 *
 * @param language a BCP 47 language tag such as {@code en} or {@code pt-BR}
 * @param version optimistic-locking counter owned by the repository
 */
public record Topic(
        TopicId id,
        TenantId tenantId,
        String title,
        String language,
        List<TopicContent> contents,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int MAX_TITLE_LENGTH = 255;
    /**
     * The most contents any topic may hold, whatever the configuration says; an installation can only lower it. Kept
     * well below what a single database transaction or JSON document handles comfortably.
     */
    public static final int MAX_CONTENTS = 500;

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}");

    public Topic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        title = checkTitle(title);
        language = checkLanguage(language);
        contents = checkContents(contents);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalStateException("topic " + id + " updated before it was created");
        }
        Set<StorageKey> attached = new HashSet<>();
        for (TopicContent content : contents) {
            if (content instanceof TopicContent.Attachment(StoredFile file)) {
                if (!file.storagePath().tenant().equals(tenantId)) {
                    throw new IllegalArgumentException("file " + file.storagePath() + " is not stored under tenant " + tenantId);
                }
                if (!attached.add(file.storagePath())) {
                    throw new IllegalArgumentException("file " + file.storagePath() + " is attached to topic " + id + " twice");
                }
            }
        }
    }

    public static Topic create(TopicId id, TenantId tenantId, String title, String language, List<TopicContent> contents, Instant now) {
        return new Topic(id, tenantId, title, language, contents, now, now, 0);
    }

    /** The same topic with new title, language and contents; the caller decides what happens to files it no longer holds. */
    public Topic revise(String newTitle, String newLanguage, List<TopicContent> newContents, Instant now) {
        Objects.requireNonNull(now, "now");
        return new Topic(id, tenantId, newTitle, newLanguage, newContents, createdAt, now.isBefore(updatedAt) ? updatedAt : now, version);
    }

    public List<StoredFile> attachments() {
        return contents.stream()
                .filter(TopicContent.Attachment.class::isInstance)
                .map(c -> ((TopicContent.Attachment) c).file())
                .toList();
    }

    /** The videos the topic shows, each once, in the order they first appear. */
    public Set<VideoId> videoIds() {
        Set<VideoId> ids = new LinkedHashSet<>();
        contents.stream()
                .filter(TopicContent.Video.class::isInstance)
                .forEach(c -> ids.add(((TopicContent.Video) c).videoId()));
        return ids;
    }

    /** Files this topic holds that {@code revised} no longer does: after the revision nothing owns them. */
    public List<StoredFile> attachmentsDroppedBy(Topic revised) {
        Set<StorageKey> kept = new HashSet<>();
        revised.attachments().forEach(f -> kept.add(f.storagePath()));
        return attachments().stream().filter(f -> !kept.contains(f.storagePath())).toList();
    }

    public Topic withVersion(long newVersion) {
        return new Topic(id, tenantId, title, language, contents, createdAt, updatedAt, newVersion);
    }

    /** The same topic with every file's address freshly issued; a read-side view, never persisted. */
    public Topic withFileUrls(Function<StoredFile, URI> freshUrl) {
        List<TopicContent> fresh = contents.stream()
                .map(c -> c instanceof TopicContent.Attachment(StoredFile file)
                        ? (TopicContent) new TopicContent.Attachment(file.withFileUrl(freshUrl.apply(file)))
                        : c)
                .toList();
        return new Topic(id, tenantId, title, language, fresh, createdAt, updatedAt, version);
    }

    public static String checkTitle(String title) {
        Require.notBlank("title", title);
        String trimmed = title.strip();
        Require.maxLength("title", trimmed, MAX_TITLE_LENGTH);
        return trimmed;
    }

    public static String checkLanguage(String language) {
        Require.notBlank("language", language);
        return Require.matches("language", language.strip(), LANGUAGE_TAG, "must be a language tag such as 'en', 'de' or 'pt-BR' (got '" + language + "')");
    }

    private static List<TopicContent> checkContents(List<TopicContent> contents) {
        Require.present("contents", contents);
        checkCount(contents.size(), MAX_CONTENTS);
        List<TopicContent> copy = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            copy.add(Require.present("contents[" + i + "]", contents.get(i)));
        }
        return List.copyOf(copy);
    }

    /** Refuses more contents than {@code max}, naming the field and both numbers. */
    public static void checkCount(int count, int max) {
        if (count > max) {
            throw new InvalidInputException("contents", "contents may hold at most " + max + " items (got " + count + ")");
        }
    }
}
