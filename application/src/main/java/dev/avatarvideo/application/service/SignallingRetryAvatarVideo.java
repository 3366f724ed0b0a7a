package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.RetryAvatarVideo;
import dev.avatarvideo.application.port.out.runtime.WorkSignals;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import java.util.Optional;

/** A video queued again is submitted at once; one that was not found queues nothing and signals nothing. */
public final class SignallingRetryAvatarVideo implements RetryAvatarVideo {

    private final RetryAvatarVideo retry;
    private final WorkSignals signals;

    public SignallingRetryAvatarVideo(RetryAvatarVideo retry, WorkSignals signals) {
        this.retry = retry;
        this.signals = signals;
    }

    @Override
    public Optional<AvatarVideo> retry(TenantId tenantId, VideoId videoId) {
        Optional<AvatarVideo> retried = retry.retry(tenantId, videoId);
        retried.ifPresent(video -> signals.videoQueued());
        return retried;
    }
}
