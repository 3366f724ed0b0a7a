package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.GetProcessingStatus;
import dev.avatarvideo.application.port.in.rendering.ProcessingStatus;
import dev.avatarvideo.application.port.in.rendering.SetUpRendererWebhook.WebhookSetup;
import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.video.VideoStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Gathers the status of render tracking from the database, so every instance reports the same. */
public final class ProcessingStatusQuery implements GetProcessingStatus {

    /** Overdue videos listed in full; beyond this only their number is given. */
    static final int OVERDUE_LISTED = 100;

    private final TrackingPolicy policy;
    private final VideoStatistics statistics;
    private final RenderChecks checks;
    private final RenderEventInbox inbox;
    private final RendererCallCounts calls;
    private final Optional<RendererWebhookSetup> webhook;
    private final Clock clock;

    public ProcessingStatusQuery(TrackingPolicy policy, VideoStatistics statistics, RenderChecks checks, RenderEventInbox inbox,
                                 RendererCallCounts calls, Optional<RendererWebhookSetup> webhook, Clock clock) {
        this.policy = policy;
        this.statistics = statistics;
        this.checks = checks;
        this.inbox = inbox;
        this.calls = calls;
        this.webhook = webhook;
        this.clock = clock;
    }

    @Override
    public ProcessingStatus status() {
        Instant now = clock.now();
        Map<RendererCallCounts.Call, Long> totals = calls.totals();
        WebhookSetup setup = webhook.map(RendererWebhookSetup::lastSetup)
                .orElse(new WebhookSetup(false, Optional.empty(), "polling mode: no webhook is registered"));
        ProcessingStatus.Webhook webhookStatus = new ProcessingStatus.Webhook(policy.mode().receivesWebhooks(), setup.ready(),
                webhook.map(RendererWebhookSetup::url), setup.endpointId(), setup.detail(), inbox.lastReceivedAt(), inbox.deliveries());
        ProcessingStatus.StatusCalls statusCalls = new ProcessingStatus.StatusCalls(
                totals.getOrDefault(RendererCallCounts.Call.STATUS_BULK, 0L), totals.getOrDefault(RendererCallCounts.Call.STATUS_SINGLE, 0L),
                totals.getOrDefault(RendererCallCounts.Call.SUBMIT, 0L), calls.since());
        return new ProcessingStatus(policy.mode(), statistics.inFlightByStatus(), statistics.queuedPerTenant(), webhookStatus, statusCalls,
                overdue(now));
    }

    private ProcessingStatus.Overdue overdue(Instant now) {
        if (!policy.mode().receivesWebhooks()) {
            return new ProcessingStatus.Overdue(0, policy.webhookOverdue(), List.of());
        }
        Instant since = now.minus(policy.webhookOverdue());
        List<ProcessingStatus.OverdueVideo> videos = checks.withoutEvent(since, OVERDUE_LISTED).stream()
                .map(render -> new ProcessingStatus.OverdueVideo(render.video().id(), render.video().tenantId(), render.video().renderId(),
                        render.renderingSince(), render.renderingSince().plus(policy.webhookOverdue())))
                .toList();
        return new ProcessingStatus.Overdue(checks.countWithoutEvent(since), policy.webhookOverdue(), videos);
    }
}
