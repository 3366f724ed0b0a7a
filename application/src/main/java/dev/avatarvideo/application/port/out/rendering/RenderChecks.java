package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.VideoId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When each rendering video is looked at next, kept with the video so any instance can do it, and leased while one
 * does: a claimed video is nobody else's until its holder reschedules or releases it, or dies.
 */
public interface RenderChecks {

    /**
     * The video was just submitted on {@code account}: its render is tracked from {@code since}, first looked at
     * {@code firstCheckAt}. Ends the submitter's claim on it.
     */
    void startTracking(VideoId video, RendererAccount account, Instant since, Instant firstCheckAt);

    /** Claims up to {@code limit} rendering videos whose check is due, the longest due first. */
    List<TrackedRender> claimDue(Instant now, int limit);

    /**
     * Claims up to {@code limit} more rendering videos of the account whose check is not due yet, the soonest due
     * first: they ride along in a call that is made anyway.
     */
    List<TrackedRender> claimNextDue(RendererAccount account, int limit, Instant now);

    /**
     * The video was checked ({@code checked}: whether the renderer was asked); looks at it next at {@code next}.
     * Ends the claim.
     */
    void reschedule(VideoId video, Instant next, boolean checked);

    /** Ends the claim on a video that left rendering (or is given back untouched). */
    void release(VideoId video);

    /**
     * Rendering videos tracked since before {@code renderingSinceBefore} that no renderer event has named, the
     * longest rendering first.
     */
    List<TrackedRender> withoutEvent(Instant renderingSinceBefore, int limit);

    long countWithoutEvent(Instant renderingSinceBefore);

    /**
     * A rendering video with its tracking state.
     *
     * @param account the renderer account it renders on; empty for a video submitted before
     *                accounts were recorded
     * @param checks how many times the renderer has been asked about it
     * @param eventAt when a renderer event first named it, if one has
     */
    record TrackedRender(AvatarVideo video, Optional<RendererAccount> account, Instant renderingSince, int checks, Optional<Instant> eventAt) {
    }
}
