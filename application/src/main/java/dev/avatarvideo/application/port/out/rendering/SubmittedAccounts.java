package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.VideoId;
import java.util.Optional;

/** Which renderer account each video was submitted on: only that account can answer about its render. */
@FunctionalInterface
public interface SubmittedAccounts {

    /** Empty when none was recorded (a video submitted before accounts were), or the video was never submitted. */
    Optional<RendererAccount> accountOf(VideoId video);
}
