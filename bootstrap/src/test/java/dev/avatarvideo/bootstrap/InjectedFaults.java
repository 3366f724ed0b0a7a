package dev.avatarvideo.bootstrap;

import dev.avatarvideo.application.fakes.ForwardingFileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.topic.Topics;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.storage.UnclaimedObjects;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.bootstrap.SaveTopicFaultInjectionContract.Step;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.PageCursor;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.Topic;
import dev.avatarvideo.domain.TopicCursor;
import dev.avatarvideo.domain.TopicId;
import dev.avatarvideo.domain.TopicPage;
import dev.avatarvideo.domain.VideoFilter;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoPage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Wraps the real adapters so that the database fails at one chosen step of a save: once, at the n-th time the step
 * comes up, either before the statement runs or after it ran (the answer lost on the way back). An outage makes the
 * next few database calls of any kind fail, as a dropped connection would. Storage deletes can be made to fail too,
 * so the immediate clean-up after a failure fails and only the sweeper can finish it.
 */
final class InjectedFaults {

    private Step armed = Step.NONE;
    private int countdown;
    private boolean afterTheCall;
    private int outageLength;
    private boolean deletesFail;
    private int outageRemaining;
    private boolean fired;
    private boolean topicSaved;

    void arm(Step step, int occurrence, boolean afterTheCall, int outageLength, boolean deletesFail) {
        this.armed = step;
        this.countdown = occurrence;
        this.afterTheCall = afterTheCall;
        this.outageLength = outageLength;
        this.deletesFail = deletesFail && step != Step.NONE;
        this.outageRemaining = 0;
        this.fired = false;
        this.topicSaved = false;
    }

    void disarm() {
        arm(Step.NONE, 0, false, 0, false);
    }

    boolean fired() {
        return fired;
    }

    private boolean at(Step step) {
        if (armed != step || fired || --countdown > 0) {
            return false;
        }
        fired = true;
        return true;
    }

    private void databaseReachable() {
        if (outageRemaining > 0) {
            outageRemaining--;
            throw new IllegalStateException("injected: connection to the database lost");
        }
    }

    private <T> T around(Step step, Supplier<T> call) {
        databaseReachable();
        boolean fail = at(step);
        if (fail && !afterTheCall) {
            throw new IllegalStateException("injected: the database failed at " + step);
        }
        T result = call.get();
        if (fail) {
            throw new IllegalStateException("injected: the database failed at " + step + ", after the statement ran");
        }
        return result;
    }

    private void around(Step step, Runnable call) {
        around(step, () -> {
            call.run();
            return null;
        });
    }

    private <T> T reachable(Supplier<T> call) {
        databaseReachable();
        return call.get();
    }

    Transactions transactions(Transactions real) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                databaseReachable();
                return real.inTransaction(work);
            }
        };
    }

    UnclaimedObjects ledger(UnclaimedObjects real) {
        return new UnclaimedObjects() {
            @Override
            public void add(UnclaimedObject entry) {
                around(Step.BEFORE_UPLOAD, () -> real.add(entry));
            }

            @Override
            public boolean remove(StorageKey key) {
                return around(Step.CLAIM_AFTER_UPLOAD, () -> real.remove(key));
            }

            @Override
            public boolean lock(StorageKey key) {
                return reachable(() -> real.lock(key));
            }

            @Override
            public List<UnclaimedObject> lockOverdue(Instant now, int limit) {
                return reachable(() -> real.lockOverdue(now, limit));
            }
        };
    }

    Videos videos(Videos real) {
        return new Videos() {
            @Override
            public void add(AvatarVideo video) {
                around(Step.SAVE_VIDEO, () -> real.add(video));
            }

            @Override
            public AvatarVideo update(AvatarVideo video) {
                return reachable(() -> real.update(video));
            }

            @Override
            public Optional<AvatarVideo> find(TenantId tenantId, VideoId videoId) {
                return reachable(() -> real.find(tenantId, videoId));
            }

            @Override
            public Optional<AvatarVideo> findById(VideoId videoId) {
                return reachable(() -> real.findById(videoId));
            }

            @Override
            public VideoPage list(TenantId tenantId, VideoFilter filter, int limit, Optional<PageCursor> after) {
                return reachable(() -> real.list(tenantId, filter, limit, after));
            }

            @Override
            public Optional<RemovedVideo> delete(TenantId tenantId, VideoId videoId) {
                return reachable(() -> real.delete(tenantId, videoId));
            }

            @Override
            public List<AvatarVideo> findAll(TenantId tenantId, Collection<VideoId> videoIds) {
                // Reading the topic's videos for the answer happens only after its unit of work committed.
                return topicSaved ? around(Step.AFTER_COMMIT, () -> real.findAll(tenantId, videoIds)) : reachable(() -> real.findAll(tenantId, videoIds));
            }
        };
    }

    Topics topics(Topics real) {
        return new Topics() {
            @Override
            public void add(Topic topic) {
                around(Step.SAVE_TOPIC, () -> real.add(topic));
                topicSaved = true;
            }

            @Override
            public Topic update(Topic topic) {
                return reachable(() -> real.update(topic));
            }

            @Override
            public void delete(Topic topic) {
                reachable(() -> {
                    real.delete(topic);
                    return null;
                });
            }

            @Override
            public Optional<Topic> find(TenantId tenantId, TopicId topicId) {
                return reachable(() -> real.find(tenantId, topicId));
            }

            @Override
            public TopicPage list(TenantId tenantId, int limit, Optional<TopicCursor> after) {
                return reachable(() -> real.list(tenantId, limit, after));
            }
        };
    }

    FileStorage storage(FileStorage real) {
        return new ForwardingFileStorage(real) {
            @Override
            public StoredFile store(StorageKey key, FileUpload upload) {
                OptionalLong length = upload.length();
                InputStream content = new FilterInputStream(upload.content()) {
                    private long read;

                    @Override
                    public int read(byte[] buffer, int offset, int count) throws IOException {
                        int n = super.read(buffer, offset, count);
                        read += Math.max(0, n);
                        if (length.isPresent() && read >= length.getAsLong() / 2 && at(Step.DURING_UPLOAD)) {
                            outageRemaining = outageLength;
                        }
                        return n;
                    }
                };
                return real.store(key, new FileUpload(content, length, upload.fileName(), upload.contentType()));
            }

            @Override
            public void delete(StorageKey key) {
                if (deletesFail) {
                    throw new FileStorage.StorageFailureException("injected: storage unreachable while cleaning up " + key);
                }
                real.delete(key);
            }
        };
    }
}
