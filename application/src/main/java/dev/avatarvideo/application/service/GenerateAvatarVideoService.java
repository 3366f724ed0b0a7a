package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.GenerateAvatarVideo;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.video.VideoCallbacks;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoId;
import java.util.Optional;

/**
 * Queues the video and returns at once; talking to the renderer is the background submitter's job. Only an avatar or
 * voice id the renderer account does not offer is looked up first (in its remembered listings), so a typo is refused
 * now rather than failing the render later.
 */
public final class GenerateAvatarVideoService implements GenerateAvatarVideo {

    private final Videos videos;
    private final VideoCallbacks callbacks;
    private final CallbackSecrets callbackSecrets;
    private final Transactions transactions;
    private final ReceiverScreening screening;
    private final RendererIdCheck rendererIds;
    private final Clock clock;

    public GenerateAvatarVideoService(Videos videos, VideoCallbacks callbacks, CallbackSecrets callbackSecrets, Transactions transactions,
                                      ReceiverScreening screening, RendererIdCheck rendererIds, Clock clock) {
        this.videos = videos;
        this.callbacks = callbacks;
        this.callbackSecrets = callbackSecrets;
        this.transactions = transactions;
        this.screening = screening;
        this.rendererIds = rendererIds;
        this.clock = clock;
    }

    @Override
    public AvatarVideo generate(GenerateAvatarVideoCommand command) {
        command.callback().ifPresent(url -> screening.requireOutsideAddress("callbackUrl", url));
        rendererIds.requireKnown(command.tenantId(), command.scenes());
        AvatarVideo video = AvatarVideo.request(VideoId.newId(), command.tenantId(), command.title(), command.scenes(),
                command.resolution(), command.aspectRatio(), command.captions(), clock.now());
        Optional<NotificationUrl> callback = command.callback();
        if (callback.isEmpty()) {
            videos.add(video);
            return video;
        }
        // With the video, or not at all: a video whose callback was lost would finish without anyone being told.
        transactions.inTransaction(() -> {
            videos.add(video);
            // Every call must be verifiable, so the secret exists before the first one can be queued.
            callbackSecrets.findOrAdd(command.tenantId(), SigningSecret.generate());
            callbacks.register(command.tenantId(), video.id(), callback.get());
        });
        return video;
    }
}
