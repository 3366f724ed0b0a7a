package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.adapters.runtime.BackgroundWork;
import dev.avatarvideo.adapters.runtime.OutboxWakingEventNotifications;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.application.service.AvatarVideoQueries;
import dev.avatarvideo.application.service.CrashSafeStorage;
import dev.avatarvideo.application.service.GenerateAvatarVideoService;
import dev.avatarvideo.application.service.LiveVideoStatus;
import dev.avatarvideo.application.service.TopicDeleter;
import dev.avatarvideo.application.service.TopicLimits;
import dev.avatarvideo.application.service.TopicQueries;
import dev.avatarvideo.application.service.TopicSaver;
import dev.avatarvideo.application.service.VideoDeleter;
import dev.avatarvideo.application.service.VideoRetrier;
import java.time.Duration;

/** The platform's content: videos requested, read, retried and deleted, topics with their files, and live status. */
record VideosAndTopics(CrashSafeStorage files, GenerateAvatarVideoService generate, AvatarVideoQueries queries, VideoDeleter delete,
                       VideoRetrier retry, TopicSaver topicSaver, TopicQueries topicQueries, TopicDeleter topicDeleter,
                       LiveVideoStatus live) {

    /** How many events a live status watcher may fall behind before it is dropped (and resumes by itself). */
    private static final int WATCH_CAPACITY = 1024;

    static VideosAndTopics wire(Configuration config, Persistence persistence, Storage storage, PlatformNotifications notifications,
                                TenantRendering rendering, BackgroundWork background, Running running) {
        PostgresDatabase database = persistence.database();
        Videos videos = database.videos();
        Transactions transactions = database.transactions();
        CrashSafeStorage files = new CrashSafeStorage(storage.files(), database.unclaimedObjects(), transactions, CLOCK,
                config.sweeper().gracePeriod());
        // One LISTEN connection wakes both the live status streams and the outbox.
        LiveVideoStatus live = running.started(new LiveVideoStatus(videos, database.videoEvents(), storage.files(), WATCH_CAPACITY)
                .listenTo(new OutboxWakingEventNotifications(database.videoEventNotifications(Duration.ofMillis(200), Duration.ofSeconds(5)),
                        background)));
        GenerateAvatarVideoService generate = new GenerateAvatarVideoService(videos, database.videoCallbacks(), notifications.callbackSecrets(),
                transactions, notifications.screening(), rendering.rendererIds(), CLOCK);
        Configuration.TopicUploads uploads = config.topicUploads();
        TopicSaver topicSaver = new TopicSaver(database.topics(), videos, storage.files(), files, CLOCK,
                new TopicLimits(uploads.maxContents(), uploads.maxFileBytes()), rendering.rendererIds());
        return new VideosAndTopics(files, generate, new AvatarVideoQueries(videos, storage.files()), new VideoDeleter(videos, files, transactions),
                new VideoRetrier(videos, CLOCK), topicSaver, new TopicQueries(database.topics(), videos, storage.files()),
                new TopicDeleter(database.topics(), files, transactions), live);
    }
}
