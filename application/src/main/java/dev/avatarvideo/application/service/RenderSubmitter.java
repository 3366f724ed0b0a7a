package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.SubmitQueuedVideos;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.runtime.ConcurrentUpdateException;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RendererAccounts;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.port.out.runtime.Transactions;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.SubmitOutcome;
import dev.avatarvideo.application.port.out.rendering.VideoRenderers;
import dev.avatarvideo.application.port.out.video.Videos;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
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
    private final RendererAccounts accounts;
    private final VideoRenderers renderers;
    private final RendererCallCounts calls;
    private final Clock clock;
    private final TrackingPolicy policy;
    private final Budget budget;

    public RenderSubmitter(Videos videos, SubmissionQueue queue, RenderChecks checks, Transactions transactions, RendererAccounts accounts,
                           VideoRenderers renderers, RendererCallCounts calls, Clock clock, TrackingPolicy policy, Budget budget) {
        this.videos = videos;
        this.queue = queue;
        this.checks = checks;
        this.transactions = transactions;
        this.accounts = accounts;
        this.renderers = renderers;
        this.calls = calls;
        this.clock = clock;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public int submitQueued() {
        Map<RendererCredentials, List<TenantId>> tenantsByAccount = new LinkedHashMap<>();
        for (TenantId tenant : queue.tenantsWaiting(clock.now())) {
            tenantsByAccount.computeIfAbsent(accounts.credentialsFor(tenant), c -> new java.util.ArrayList<>()).add(tenant);
        }
        int changed = 0;
        for (Map.Entry<RendererCredentials, List<TenantId>> account : tenantsByAccount.entrySet()) {
            changed += submitFor(account.getKey(), account.getValue());
        }
        return changed;
    }

    private int submitFor(RendererCredentials credentials, List<TenantId> tenants) {
        String account = credentials.fingerprint();
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
        VideoRenderer renderer = renderers.forAccount(credentials);
        int changed = 0;
        for (int i = 0; i < claimed.size(); i++) {
            AvatarVideo video = claimed.get(i);
            boolean tracked = false;
            try {
                SubmitOutcome outcome = renderer.submit(video);
                calls.add(RendererCallCounts.Call.SUBMIT, 1);
                if (outcome instanceof SubmitOutcome.RetryLater later) {
                    queue.pause(account, clock.now().plus(later.after()));
                    LOG.log(Level.INFO, "renderer account {0} asks to wait {1} ({2}); {3} more video(s) stay queued",
                            account, later.after(), later.reason(), claimed.size() - i);
                    claimed.subList(i + 1, claimed.size()).forEach(rest -> queue.release(rest.id()));
                    return changed;
                }
                tracked = record(video, account, outcome);
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
    private boolean record(AvatarVideo video, String account, SubmitOutcome outcome) {
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
        videos.update(video.fail(failure, now));
        LOG.log(Level.WARNING, "video {0} refused by the renderer: {1}", video.id(), failure);
        return false;
    }
}
