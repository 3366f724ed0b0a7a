package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.topic.DeleteTopic;
import dev.avatarvideo.application.port.in.topic.UpdateTopic.ConcurrentChangeException;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicId;
import java.util.Optional;

/**
 * Deletes a topic and purges its files. The topic's rows and its files' records go in one unit of work that also
 * hands each file to the ledger; only then are the objects deleted, each before its ledger entry. So no committed
 * record ever points at a deleted object, and a purge a crash interrupts is finished by the sweeper.
 */
public final class TopicDeleter implements DeleteTopic {

    private static final int ATTEMPTS = 3;

    private final Topics topics;
    private final CrashSafeStorage files;
    private final Transactions transactions;

    public TopicDeleter(Topics topics, CrashSafeStorage files, Transactions transactions) {
        this.topics = topics;
        this.files = files;
        this.transactions = transactions;
    }

    @Override
    public boolean delete(TenantId tenantId, TopicId topicId) {
        for (int attempt = 1; ; attempt++) {
            Optional<Topic> found = topics.find(tenantId, topicId);
            if (found.isEmpty()) {
                return false;
            }
            Topic topic = found.get();
            try {
                transactions.inTransaction(() -> {
                    topics.delete(topic);
                    topic.attachments().forEach(f -> files.schedulePurge(f.storagePath()));
                });
            } catch (ConcurrentUpdateException e) {
                // Changed (or deleted) between reading and deleting: read it again and decide on what is there now.
                if (attempt == ATTEMPTS) {
                    throw new ConcurrentChangeException("topic " + topicId + " kept changing while being deleted; try again", e);
                }
                continue;
            }
            topic.attachments().stream().map(StoredFile::storagePath).forEach(files::purge);
            return true;
        }
    }
}
