package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.TrackRenders;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RenderChecks.TrackedRender;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.VideoFailure;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at rendering videos when their check is due ({@link TrackingPolicy}), asking the renderer about a whole
 * batch per call and never past the render deadline.
 *
 * <p>A call is made only when some video is due, and then it carries up to a full batch of the account's videos: the
 * due ones first, topped up with those due soonest. A call costs the same whether it asks about one render or a
 * hundred, so renders ride along in calls made anyway, and their schedules bunch up so later calls are full too.
 *
 * <p>In webhook mode nothing is polled: a video's only scheduled look is at the deadline, where it fails, saying no
 * webhook came. When the renderer cannot answer, the batch is looked at again later, and a rate limit is waited out.
 */
public final class RenderTracker implements TrackRenders {

    private static final Logger LOG = System.getLogger(RenderTracker.class.getName());

    private final RenderChecks checks;
    private final RendererAccess access;
    private final RenderTransitions transitions;
    private final Clock clock;
    private final TrackingPolicy policy;
    private final int maxVideosPerRound;
    private final WaitingReasons waiting;

    public RenderTracker(Videos videos, RenderChecks checks, Transactions transactions, RendererAccess access, Clock clock,
                         TrackingPolicy policy, int maxVideosPerRound, WaitingReasons waiting) {
        this.checks = checks;
        this.access = access;
        this.transitions = new RenderTransitions(videos, transactions, clock);
        this.clock = clock;
        this.policy = policy;
        this.maxVideosPerRound = maxVideosPerRound;
        this.waiting = waiting;
    }

    @Override
    public int trackOnce() {
        Instant now = clock.now();
        List<TrackedRender> due = checks.claimDue(now, maxVideosPerRound);
        if (due.isEmpty()) {
            return 0;
        }
        if (!policy.mode().polls()) {
            return failWithoutWebhook(due);
        }
        Map<AccountRenderer, List<TrackedRender>> byAccount = new LinkedHashMap<>();
        due.forEach(render -> byAccount.computeIfAbsent(access.forRender(render.video().tenantId(), render.account()),
                c -> new ArrayList<>()).add(render));
        int changed = 0;
        for (Map.Entry<AccountRenderer, List<TrackedRender>> account : byAccount.entrySet()) {
            changed += track(account.getKey(), account.getValue(), now);
        }
        return changed;
    }

    private int track(AccountRenderer renderer, List<TrackedRender> due, Instant now) {
        int batch = renderer.statusBatchLimit();
        List<TrackedRender> all = new ArrayList<>(due);
        int room = (batch - due.size() % batch) % batch;
        if (room > 0) {
            all.addAll(checks.claimNextDue(renderer.account(), room, now));
        }
        int changed = 0;
        for (int from = 0; from < all.size(); from += batch) {
            changed += checkBatch(renderer, all.subList(from, Math.min(from + batch, all.size())));
        }
        return changed;
    }

    private int checkBatch(AccountRenderer renderer, List<TrackedRender> batch) {
        RendererAccount account = renderer.account();
        Map<RenderId, RenderStatus> statuses;
        try {
            statuses = renderer.statuses(batch.stream().map(render -> render.video().renderId()).toList());
        } catch (RuntimeException e) {
            batch.forEach(render -> release(render));
            throw e;
        }
        int changed = 0;
        for (TrackedRender render : batch) {
            RenderStatus status = statuses.getOrDefault(render.video().renderId(), new RenderStatus.Unavailable("no status returned"));
            boolean released = false;
            try {
                waiting.checked(account, render.video().id(), status);
                if (apply(render, status)) {
                    changed++;
                }
                released = true;
            } catch (ConcurrentUpdateException e) {
                LOG.log(Level.DEBUG, "video {0} changed elsewhere while tracking", render.video().id());
            } finally {
                if (!released) {
                    release(render);
                }
            }
        }
        return changed;
    }

    /** Answers whether the video changed status; either way the claim on it is over afterwards. */
    private boolean apply(TrackedRender render, RenderStatus status) {
        AvatarVideo video = render.video();
        Instant now = clock.now();
        Instant since = render.renderingSince();
        switch (status) {
            case RenderStatus.Completed completed -> {
                transitions.rendered(video, "tracked", releasing(video));
                return true;
            }
            case RenderStatus.Failed failed -> {
                transitions.failed(video, failed.reason(), releasing(video));
                return true;
            }
            case RenderStatus.NotFound notFound when now.isAfter(since.plus(policy.notFoundGrace())) -> {
                transitions.failed(video, new VideoFailure("render_not_found",
                        "the renderer no longer knows render " + video.renderId() + " (not found for longer than "
                                + policy.notFoundGrace() + " after submission)"), releasing(video));
                return true;
            }
            case RenderStatus.RateLimited limited -> {
                checks.reschedule(video.id(), now.plus(limited.after()), false);
                return false;
            }
            case RenderStatus.Unavailable unavailable when !policy.pastDeadline(since, now) -> {
                checks.reschedule(video.id(), policy.nextCheckAt(since, now, render.checks()), false);
                return false;
            }
            case RenderStatus.KeyRejected rejected when !policy.pastDeadline(since, now) -> {
                checks.reschedule(video.id(), policy.nextCheckAt(since, now, render.checks()), false);
                return false;
            }
            default -> {
                if (policy.pastDeadline(since, now)) {
                    transitions.failed(video, new VideoFailure("render_deadline_exceeded", "rendering took longer than "
                            + policy.renderDeadline() + "; giving up on render " + video.renderId() + " (last status: " + describe(status) + ")"),
                            releasing(video));
                    return true;
                }
                checks.reschedule(video.id(), policy.nextCheckAt(since, now, render.checks() + 1), true);
                return false;
            }
        }
    }

    /** Webhook mode: a video is only due at its deadline, which means its webhook never came. */
    private int failWithoutWebhook(List<TrackedRender> due) {
        int changed = 0;
        for (TrackedRender render : due) {
            AvatarVideo video = render.video();
            Instant now = clock.now();
            boolean released = false;
            try {
                if (!policy.pastDeadline(render.renderingSince(), now)) {
                    checks.reschedule(video.id(), policy.deadline(render.renderingSince()), false);
                    released = true;
                    continue;
                }
                transitions.failed(video, new VideoFailure("render_deadline_exceeded", "no webhook announced render " + video.renderId()
                        + " within " + policy.renderDeadline() + " (webhook mode does not poll the renderer; hybrid mode would have"
                        + " asked it once the webhook was overdue)"), releasing(video));
                released = true;
                changed++;
            } catch (ConcurrentUpdateException e) {
                LOG.log(Level.DEBUG, "video {0} changed elsewhere while tracking", video.id());
            } finally {
                if (!released) {
                    release(render);
                }
            }
        }
        return changed;
    }

    /** A video leaving rendering ends the claim on it in the same unit of work. */
    private Runnable releasing(AvatarVideo video) {
        return () -> checks.release(video.id());
    }

    private void release(TrackedRender render) {
        try {
            checks.release(render.video().id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not give back the claim on video " + render.video().id() + "; it lapses by itself", e);
        }
    }

    private static String describe(RenderStatus status) {
        return switch (status) {
            case RenderStatus.Pending p -> "pending";
            case RenderStatus.Processing p -> "processing";
            case RenderStatus.NotFound n -> "not found";
            case RenderStatus.Unavailable u -> "renderer unavailable: " + u.reason();
            case RenderStatus.KeyRejected k -> "API key refused: " + k.message();
            default -> status.toString();
        };
    }
}
