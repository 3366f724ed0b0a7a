package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.Optional;

/** Try a failed video again: it goes back to the queue as a new render. */
public interface RetryAvatarVideo {

    /**
     * Answers the video, queued again; empty when the tenant has no such video.
     *
     * @throws NotFailedException when the video has not failed (it is on its way, or ready)
     */
    Optional<AvatarVideo> retry(TenantId tenantId, VideoId videoId);

    final class NotFailedException extends RuntimeException {

        public NotFailedException(String message) {
            super(message);
        }
    }
}
