package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.RetryAvatarVideo;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.IllegalTransitionException;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.util.Optional;

/** Puts a failed video back in the queue as its next render attempt; the submitter sends it as a new render. */
public final class VideoRetrier implements RetryAvatarVideo {

    private static final int ATTEMPTS = 3;

    private final Videos videos;
    private final Clock clock;

    public VideoRetrier(Videos videos, Clock clock) {
        this.videos = videos;
        this.clock = clock;
    }

    @Override
    public Optional<AvatarVideo> retry(TenantId tenantId, VideoId videoId) {
        for (int attempt = 1; ; attempt++) {
            Optional<AvatarVideo> found = videos.find(tenantId, videoId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            AvatarVideo video = found.get();
            try {
                return Optional.of(videos.update(video.retry(clock.now())));
            } catch (IllegalTransitionException e) {
                throw new NotFailedException("video " + videoId + " is " + video.status() + "; only a FAILED video can be retried"
                        + (video.status() == VideoStatus.READY ? "" : " (this one is still on its way)"));
            } catch (ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
