package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.video.GetWaitingReasons;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.video.VideoWaits;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import dev.avatarvideo.domain.VideoWaiting;
import dev.avatarvideo.domain.VideoWaiting.Reason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says why videos wait on the renderer: in the video resource (through {@link VideoWaits}) and in the log, where each
 * renderer account's story is told once per change (it started waiting, for another reason now, it answers again),
 * not once per video and not on every round. A renderer that stays unreachable for an hour is one log line, not a
 * thousand.
 *
 * <p>What the log said last is remembered per instance; after a start the first answer clears whatever an earlier
 * run left behind.
 */
public final class WaitingReasons implements GetWaitingReasons {

    private static final Logger LOG = System.getLogger(WaitingReasons.class.getName());

    /** Where a video waits: before submission ({@code QUEUED}) or while its render is checked ({@code RENDERING}). */
    private record Stage(RendererAccount account, VideoStatus status) {
    }

    private final VideoWaits waits;
    private final Clock clock;
    /** What each stage of each account waits for now; an empty value means nothing, no entry means not known yet. */
    private final Map<Stage, Optional<Reason>> known = new ConcurrentHashMap<>();

    public WaitingReasons(VideoWaits waits, Clock clock) {
        this.waits = waits;
        this.clock = clock;
    }

    @Override
    public Map<VideoId, VideoWaiting> waitingOf(TenantId tenant, Collection<AvatarVideo> videos) {
        List<VideoId> mayWait = videos.stream().filter(video -> VideoWaiting.possibleIn(video.status())).map(AvatarVideo::id).toList();
        return mayWait.isEmpty() ? Map.of() : waits.current(tenant, mayWait);
    }

    /** The account's queued videos (of these tenants) cannot be submitted until the renderer stops asking to wait. */
    void submissionsWait(RendererAccount account, Collection<TenantId> tenants, SubmitOutcome.RetryLater later) {
        VideoWaiting waiting = switch (later) {
            case SubmitOutcome.RateLimited limited -> rateLimited(limited.after());
            case SubmitOutcome.Unavailable unavailable -> unreachable(unavailable.reason(), unavailable.after());
        };
        tell(new Stage(account, VideoStatus.QUEUED), waiting);
        waits.markQueued(account, tenants, waiting);
    }

    /** A submission on the account was accepted: its queued videos wait for nothing but their turn. */
    void submissionAccepted(RendererAccount account) {
        answered(new Stage(account, VideoStatus.QUEUED));
    }

    /**
     * What a status check said about a rendering video: an answer ends the account's wait; no answer makes the video
     * wait, saying why.
     */
    void checked(RendererAccount account, VideoId video, RenderStatus status) {
        Stage stage = new Stage(account, VideoStatus.RENDERING);
        Optional<VideoWaiting> waiting = switch (status) {
            case RenderStatus.Unavailable unavailable -> Optional.of(unreachable(unavailable.reason(), null));
            case RenderStatus.KeyRejected rejected -> Optional.of(new VideoWaiting(Reason.HEYGEN_REFUSES_KEY,
                    "HeyGen refuses this account's API key (" + rejected.message() + "); the render cannot be checked until the key"
                            + " is valid again (HEYGEN_API_KEY, or the tenant's own key).", clock.now()));
            case RenderStatus.RateLimited limited -> Optional.of(rateLimited(limited.after()));
            default -> Optional.empty();
        };
        if (waiting.isEmpty()) {
            answered(stage);
            return;
        }
        LOG.log(Level.DEBUG, "video {0} waits: {1}", video, waiting.get().detail());
        tell(stage, waiting.get());
        waits.mark(account, video, VideoStatus.RENDERING, waiting.get());
    }

    private VideoWaiting unreachable(String reason, Duration after) {
        // The renderer's reason usually names HeyGen already ("HeyGen answered HTTP 503 ..."); a bare one gets a subject.
        String what = reason.startsWith("HeyGen") ? reason : "HeyGen cannot be reached: " + reason;
        return new VideoWaiting(Reason.HEYGEN_UNREACHABLE, what + "; the service tries again"
                + (after == null ? " by itself." : " in " + seconds(after) + " and keeps trying."), clock.now());
    }

    private VideoWaiting rateLimited(Duration after) {
        return new VideoWaiting(Reason.HEYGEN_RATE_LIMITED, "HeyGen asks this account to wait (too many requests or renders in"
                + " progress); the service tries again in " + seconds(after) + ".", clock.now());
    }

    private void tell(Stage stage, VideoWaiting waiting) {
        Optional<Reason> before = known.put(stage, Optional.of(waiting.reason()));
        if (before == null || !before.equals(Optional.of(waiting.reason()))) {
            LOG.log(waiting.reason() == Reason.HEYGEN_REFUSES_KEY ? Level.ERROR : Level.WARNING,
                    "HeyGen account {0}: its {1} videos wait ({2}): {3}", stage.account(), stage.status(), waiting.reason().code(),
                    waiting.detail());
        }
    }

    private void answered(Stage stage) {
        Optional<Reason> before = known.put(stage, Optional.empty());
        if (before != null && before.isEmpty()) {
            return;
        }
        waits.clear(stage.account(), stage.status());
        if (before != null) {
            LOG.log(Level.INFO, "HeyGen account {0} answers again; its {1} videos no longer wait ({2} is over)", stage.account(),
                    stage.status(), before.get().code());
        }
    }

    private static String seconds(Duration after) {
        return Math.max(1, after.toSeconds()) + " s";
    }
}
