package dev.avatarvideo.application.port.in.video;

import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;

/**
 * Delete a video, whatever its state: its record, history and file go; a render still running at the renderer is no
 * longer followed (it finishes there, and nothing here picks it up).
 */
public interface DeleteAvatarVideo {

    /**
     * Answers false when the tenant has no such video.
     *
     * @throws VideoShownInTopicException when a topic shows the video: remove it from the topic first
     */
    boolean delete(TenantId tenantId, VideoId videoId);

    final class VideoShownInTopicException extends RuntimeException {

        public VideoShownInTopicException(String message) {
            super(message);
        }
    }
}
