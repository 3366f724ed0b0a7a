package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.GenerateAvatarVideo;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand;
import dev.avatarvideo.application.port.out.runtime.WorkSignals;
import dev.avatarvideo.domain.AvatarVideo;

/** A new request is submitted at once rather than at the submitter's next look. */
public final class SignallingGenerateAvatarVideo implements GenerateAvatarVideo {

    private final GenerateAvatarVideo generate;
    private final WorkSignals signals;

    public SignallingGenerateAvatarVideo(GenerateAvatarVideo generate, WorkSignals signals) {
        this.generate = generate;
        this.signals = signals;
    }

    @Override
    public AvatarVideo generate(GenerateAvatarVideoCommand command) {
        AvatarVideo video = generate.generate(command);
        signals.videoQueued();
        return video;
    }
}
