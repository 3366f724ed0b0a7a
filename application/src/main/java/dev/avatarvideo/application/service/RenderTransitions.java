package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoFailure;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The moves a render's outcome makes a video, written once for every way the outcome is learnt: the submitter hearing
 * a refusal, the tracker asking about a batch, the ingester asking after a renderer event. Each saves the video in one
 * unit of work with whatever the caller must end alongside (its claim on the video), and is logged once it committed.
 */
final class RenderTransitions {

    private static final Logger LOG = System.getLogger(RenderTransitions.class.getName());
    private static final Runnable NOTHING_ALONGSIDE = () -> { };

    private final Videos videos;
    private final Transactions transactions;
    private final Clock clock;

    RenderTransitions(Videos videos, Transactions transactions, Clock clock) {
        this.videos = videos;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** RENDERING to INGESTING: the renderer says the render is done. */
    AvatarVideo rendered(AvatarVideo video, String learntFrom) {
        return rendered(video, learntFrom, NOTHING_ALONGSIDE);
    }

    /** RENDERING to INGESTING, with {@code alongside} in the same unit of work. */
    AvatarVideo rendered(AvatarVideo video, String learntFrom, Runnable alongside) {
        AvatarVideo ingesting = save(video.startIngesting(clock.now()), alongside);
        LOG.log(Level.INFO, "video {0} rendered ({1}); ingesting", video.id(), learntFrom);
        return ingesting;
    }

    /** To FAILED, saying why. */
    AvatarVideo failed(AvatarVideo video, VideoFailure reason) {
        return failed(video, reason, NOTHING_ALONGSIDE);
    }

    /** To FAILED, saying why, with {@code alongside} in the same unit of work. */
    AvatarVideo failed(AvatarVideo video, VideoFailure reason, Runnable alongside) {
        AvatarVideo failed = save(video.fail(reason, clock.now()), alongside);
        LOG.log(Level.WARNING, "video {0} failed: {1} ({2})", video.id(), reason.message(), reason.code());
        return failed;
    }

    /**
     * To FAILED after the render itself succeeded (its copy never made it into storage): what was rendered is lost, which
     * an operator has to look into, so it is logged as an error.
     */
    AvatarVideo lost(AvatarVideo video, VideoFailure reason) {
        AvatarVideo failed = save(video.fail(reason, clock.now()), NOTHING_ALONGSIDE);
        LOG.log(Level.ERROR, "video {0} failed: {1} ({2})", video.id(), reason.message(), reason.code());
        return failed;
    }

    private AvatarVideo save(AvatarVideo next, Runnable alongside) {
        return transactions.inTransaction(() -> {
            AvatarVideo saved = videos.update(next);
            alongside.run();
            return saved;
        });
    }
}
