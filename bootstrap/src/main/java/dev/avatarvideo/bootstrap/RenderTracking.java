package dev.avatarvideo.bootstrap;

import static dev.avatarvideo.bootstrap.AvatarVideoService.CLOCK;

import dev.avatarvideo.adapters.heygen.HeyGenWebhooks;
import dev.avatarvideo.adapters.persistence.PostgresDatabase;
import dev.avatarvideo.adapters.persistence.WorkerLeases;
import dev.avatarvideo.application.port.out.rendering.RenderChecks;
import dev.avatarvideo.application.port.out.rendering.RenderEventInbox;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.SubmissionQueue;
import dev.avatarvideo.application.service.ProcessingStatusQuery;
import dev.avatarvideo.application.service.RenderEventReceiver;
import dev.avatarvideo.application.service.RendererWebhookSetup;
import dev.avatarvideo.application.service.TrackingPolicy;
import dev.avatarvideo.domain.WebhookSecret;
import java.util.Optional;

/**
 * How renders are followed: the policy (webhooks, polling or both), this instance's claims on the work queues, the
 * webhook HeyGen calls for the service's own account, and the operators' view of it all.
 */
record RenderTracking(TrackingPolicy policy, WorkerLeases leases, SubmissionQueue submissions, RenderChecks checks, RendererCallCounts calls,
                      Optional<RendererWebhookSetup> webhookSetup, RenderEventReceiver renderEvents, ProcessingStatusQuery status) {

    static RenderTracking wire(Configuration config, int port, Persistence persistence, HeyGen heygen, TenantRendering rendering) {
        PostgresDatabase database = persistence.database();
        Configuration.Tracking tracking = config.tracking();
        TrackingPolicy policy = new TrackingPolicy(tracking.mode(), tracking.firstCheck(), TrackingPolicy.DEFAULT.growth(),
                tracking.maxInterval(), tracking.webhookOverdue(), TrackingPolicy.DEFAULT.notFoundGrace(), tracking.renderDeadline());
        WorkerLeases leases = database.leases(tracking.leaseLength());
        RenderChecks checks = database.renderChecks(leases);
        RenderEventInbox inbox = database.renderEventInbox();
        RendererCallCounts calls = database.rendererCallCounts();
        Optional<WebhookSecret> configuredSecret = tracking.webhookSecret().map(secret -> new WebhookSecret(secret.value()));
        Optional<RendererWebhookSetup> webhookSetup = config.webhookUrlFor(port).map(url -> new RendererWebhookSetup(
                new HeyGenWebhooks(heygen.settings()), rendering.registrations(), heygen.serviceKey(), url, configuredSecret, CLOCK));
        RenderEventReceiver renderEvents = new RenderEventReceiver(inbox, rendering.registrations(), heygen.serviceKey().fingerprint(),
                configuredSecret.stream().toList(), CLOCK);
        ProcessingStatusQuery status = new ProcessingStatusQuery(policy, database.videoStatistics(), checks, inbox, calls, webhookSetup,
                CLOCK);
        return new RenderTracking(policy, leases, database.submissionQueue(leases), checks, calls, webhookSetup, renderEvents, status);
    }
}
