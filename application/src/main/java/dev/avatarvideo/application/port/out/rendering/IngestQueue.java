package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.List;

/**
 * Videos waiting for a fresh status from the renderer and, once it says they are done, for their copy into storage;
 * claimed by one worker at a time (a lease, as for {@link SubmissionQueue}), so no video is downloaded twice.
 */
public interface IngestQueue {

    /**
     * Claims up to {@code limit} videos due now: INGESTING ones not waiting out a back-off, and RENDERING ones a
     * renderer event asked to be checked. Tenants in turn (each one's least recently changed video, then each one's
     * next, …), so one tenant's burst does not make another's videos wait for all of it; least recently changed first
     * within a turn.
     */
    List<AvatarVideo> claimForIngest(Instant now, int limit);

    /** Done for now: the video's state says what comes next. Settles any renderer event's request to check it. */
    void finish(VideoId video);

    /** The renderer could not be asked: the video is due again at {@code at}, with any request to check it kept. */
    void retryAt(VideoId video, Instant at);
}
