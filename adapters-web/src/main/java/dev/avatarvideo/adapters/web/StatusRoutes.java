package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.avatarvideo.application.port.in.rendering.GetProcessingStatus;
import dev.avatarvideo.application.port.in.rendering.ProcessingStatus;
import dev.avatarvideo.domain.VideoStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/status}: how renders are tracked, over every instance and tenant; for the operator. */
final class StatusRoutes {

    private final GetProcessingStatus status;

    StatusRoutes(GetProcessingStatus status) {
        this.status = status;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/status", this::status);
    }

    private void status(Context ctx) {
        ctx.json(StatusBody.of(status.status()));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusBody(String processingMode, Map<String, Long> activeVideos, Map<String, Long> queuedPerTenant, WebhookBody webhook,
                      CallsBody statusCalls, OverdueBody overdue) {

        static StatusBody of(ProcessingStatus status) {
            Map<String, Long> active = new LinkedHashMap<>();
            VideoStatus.IN_FLIGHT.stream().sorted().forEach(s -> active.put(s.name(), status.activeVideos().getOrDefault(s, 0L)));
            Map<String, Long> queued = new LinkedHashMap<>();
            status.queuedPerTenant().forEach((tenant, count) -> queued.put(tenant.value(), count));
            ProcessingStatus.Webhook webhook = status.webhook();
            ProcessingStatus.StatusCalls calls = status.statusCalls();
            return new StatusBody(status.mode().label(), active, queued,
                    new WebhookBody(webhook.enabled(), webhook.registered(), webhook.url().map(Object::toString).orElse(null),
                            webhook.endpointId().orElse(null), webhook.detail(), webhook.lastReceivedAt().orElse(null), webhook.deliveriesReceived()),
                    new CallsBody(calls.bulk(), calls.single(), calls.submissions(), calls.countedSince().orElse(null),
                            "all instances, since counting began (kept in the database)"),
                    new OverdueBody(status.overdue().count(), status.overdue().after().toString(), status.overdue().videos().stream()
                            .map(v -> new OverdueVideoBody(v.id().toString(), v.tenantId().value(), v.renderId().value(), v.renderingSince(),
                                    v.overdueSince()))
                            .toList()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookBody(boolean enabled, boolean registered, String url, String endpointId, String detail, Instant lastReceivedAt,
                       long deliveriesReceived) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CallsBody(long bulk, long single, long submissions, Instant countedSince, String counted) {
    }

    record OverdueBody(long count, String after, List<OverdueVideoBody> videos) {
    }

    record OverdueVideoBody(String id, String tenantId, String renderId, Instant renderingSince, Instant overdueSince) {
    }
}
