package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicCursor;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.TopicPage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** {@link Topics} in a map, for fast service tests; held to the same contract as the database adapter. */
public final class InMemoryTopics implements Topics, RollbackTransactions.Participant {

    private static final Comparator<Topic> NEWEST_FIRST =
            Comparator.comparing(Topic::createdAt).thenComparing(t -> t.id().value()).reversed();

    private final ConcurrentHashMap<TopicId, Topic> byId = new ConcurrentHashMap<>();
    private volatile Consumer<Topic> beforeWrite = topic -> {
    };

    @Override
    public void add(Topic topic) {
        beforeWrite.accept(topic);
        if (byId.putIfAbsent(topic.id(), topic) != null) {
            throw new IllegalStateException("topic " + topic.id() + " already exists");
        }
    }

    @Override
    public Topic update(Topic topic) {
        beforeWrite.accept(topic);
        Topic saved = topic.withVersion(topic.version() + 1);
        byId.compute(topic.id(), (id, current) -> {
            if (current == null || current.version() != topic.version()) {
                throw new ConcurrentUpdateException("topic " + id + " changed since version " + topic.version());
            }
            return saved;
        });
        return saved;
    }

    @Override
    public void delete(Topic topic) {
        beforeWrite.accept(topic);
        boolean[] removed = {false};
        byId.computeIfPresent(topic.id(), (id, current) -> {
            if (current.version() != topic.version()) {
                return current;
            }
            removed[0] = true;
            return null;
        });
        if (!removed[0]) {
            throw new ConcurrentUpdateException("topic " + topic.id() + " changed or went away since version " + topic.version());
        }
    }

    @Override
    public Optional<Topic> find(TenantId tenantId, TopicId topicId) {
        return Optional.ofNullable(byId.get(topicId)).filter(t -> t.tenantId().equals(tenantId));
    }

    @Override
    public TopicPage list(TenantId tenantId, int limit, Optional<TopicCursor> after) {
        List<Topic> matching = byId.values().stream()
                .filter(t -> t.tenantId().equals(tenantId))
                .filter(t -> after.map(c -> isAfter(t, c)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new TopicPage(matching, Optional.empty());
        }
        List<Topic> page = matching.subList(0, limit);
        return new TopicPage(page, Optional.of(TopicCursor.after(page.getLast())));
    }

    /** Lets a test make the next writes fail, as a broken database would. */
    public void beforeEachWrite(Consumer<Topic> hook) {
        this.beforeWrite = hook;
    }

    public int size() {
        return byId.size();
    }

    private static boolean isAfter(Topic topic, TopicCursor cursor) {
        int byTime = topic.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || (byTime == 0 && topic.id().value().compareTo(cursor.id().value()) < 0);
    }

    @Override
    public Runnable snapshot() {
        java.util.Map<TopicId, Topic> copy = new java.util.HashMap<>(byId);
        return () -> {
            byId.clear();
            byId.putAll(copy);
        };
    }
}
