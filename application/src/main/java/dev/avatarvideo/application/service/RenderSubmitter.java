package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.SubmitQueuedVideos;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RendererAccount;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends queued videos to the renderer, never more at once per renderer account than its budget of renders in flight
 * (the rest wait in the queue), the free slots shared fairly between tenants ({@link FairShare}). Videos are claimed
 * before they are sent, so two instances never send the same one, and one that is sent twice after a crash still
 * renders once: the renderer deduplicates by the video's idempotency key.
 *
 * <p>When the renderer asks us to wait, the account is paused for every instance until the wait is over: the rest of
 * its queue would only hear the same answer, and hammering a rate-limited API makes things worse.
 */
public final class RenderSubmitter implements SubmitQueuedVideos {

    private static final Logger LOG = System.getLogger(RenderSubmitter.class.getName());

    /** What a submission needs besides the renderer and the queue. */
    public record Budget(int rendersPerAccount, int maxPerRound) {

        public Budget {
            if (rendersPerAccount < 1 || maxPerRound < 1) {
                throw new IllegalArgumentException("rendersPerAccount and maxPerRound must be positive");
            }
        }
    }

    private final Videos videos;
    private final SubmissionQueue queue;
    private final RenderChecks checks;
    private final Transactions transactions;
    private final RendererAccess access;
    private final RenderTransitions transitions;
    private final Clock clock;
    private final TrackingPolicy policy;
    private final Budget budget;
    private final WaitingReasons waiting;

    public RenderSubmitter(Videos videos, SubmissionQueue queue, RenderChecks checks, Transactions transactions, RendererAccess access,
                           Clock clock, TrackingPolicy policy, Budget budget, WaitingReasons waiting) {
        this.videos = videos;
        this.queue = queue;
        this.checks = checks;
        this.transactions = transactions;
        this.access = access;
        this.transitions = new RenderTransitions(videos, transactions, clock);
        this.clock = clock;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
    }

    @Override
    public int submitQueued() {
        Map<AccountRenderer, List<TenantId>> tenantsByAccount = new LinkedHashMap<>();
        for (TenantId tenant : queue.tenantsWaiting(clock.now())) {
            tenantsByAccount.computeIfAbsent(access.forNewRenders(tenant), c -> new ArrayList<>()).add(tenant);
        }
        int changed = 0;
        for (Map.Entry<AccountRenderer, List<TenantId>> account : tenantsByAccount.entrySet()) {
            changed += submitFor(account.getKey(), account.getValue());
        }
        return changed;
    }

    private int submitFor(AccountRenderer renderer, List<TenantId> tenants) {
        RendererAccount account = renderer.account();
        Instant now = clock.now();
        if (queue.pausedUntil(account, now).isPresent()) {
            return 0;
        }
        List<AvatarVideo> claimed = queue.<List<AvatarVideo>>whileClaimingFor(account, () -> {
            Map<TenantId, Integer> inFlight = queue.inFlight(account, now);
            int free = Math.min(budget.maxPerRound(), budget.rendersPerAccount() - inFlight.values().stream().mapToInt(Integer::intValue).sum());
            if (free <= 0) {
                return List.of();
            }
            return queue.claim(FairShare.choose(queue.oldestWaiting(tenants, free, now), inFlight, free), account, now);
        }).orElse(List.of());
        int changed = 0;
        for (int i = 0; i < claimed.size(); i++) {
            AvatarVideo video = claimed.get(i);
            boolean tracked = false;
            try {
                SubmitOutcome outcome = renderer.submit(video);
                if (outcome instanceof SubmitOutcome.RetryLater later) {
                    queue.pause(account, clock.now().plus(later.after()));
                    waiting.submissionsWait(account, tenants, later);
                    claimed.subList(i + 1, claimed.size()).forEach(rest -> queue.release(rest.id()));
                    return changed;
                }
                tracked = record(video, account, outcome);
                if (tracked) {
                    waiting.submissionAccepted(account);
                }
                changed++;
            } catch (ConcurrentUpdateException e) {
                // Someone else moved this video on; had its render started, the idempotency key kept it to one.
                LOG.log(Level.DEBUG, "video {0} changed elsewhere while submitting", video.id());
            } finally {
                if (!tracked) {
                    queue.release(video.id());
                }
            }
        }
        return changed;
    }

    /** Answers whether the video is now tracked (which ends the submitter's claim on it). */
    private boolean record(AvatarVideo video, RendererAccount account, SubmitOutcome outcome) {
        Instant now = clock.now();
        VideoFailure failure = switch (outcome) {
            case SubmitOutcome.Accepted accepted -> {
                transactions.inTransaction(() -> {
                    videos.update(video.startRendering(accepted.renderId(), now));
                    checks.startTracking(video.id(), account, now, policy.firstCheckAt(now));
                });
                LOG.log(Level.INFO, "video {0} submitted, render {1}", video.id(), accepted.renderId());
                yield null;
            }
            case SubmitOutcome.KeyRejected rejected -> new VideoFailure(VideoFailure.RENDERER_KEY_REJECTED,
                    "the renderer refused this service's API key: " + rejected.message());
            case SubmitOutcome.Invalid invalid -> new VideoFailure(VideoFailure.INVALID_REQUEST,
                    invalid.field().map(field -> field + ": ").orElse("") + invalid.message());
            case SubmitOutcome.InsufficientCredit credit -> new VideoFailure(VideoFailure.INSUFFICIENT_CREDIT, credit.message());
            case SubmitOutcome.Rejected rejected -> rejected.reason();
            case SubmitOutcome.RetryLater later -> throw new IllegalStateException("handled before: " + later);
        };
        if (failure == null) {
            return true;
        }
        transitions.failed(video, failure);
        return false;
    }
}
