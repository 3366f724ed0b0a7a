package dev.avatarvideo.application.port.out.video;

import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoStatus;
import java.util.Map;

/** Counts over all tenants' videos, for operators. */
public interface VideoStatistics {

    /** Videos queued, rendering or ingesting now, by status; statuses without any are left out. */
    Map<VideoStatus, Long> inFlightByStatus();

    /** Every video by status, finished ones included; statuses without any are left out. */
    Map<VideoStatus, Long> byStatus();

    /** Queued videos per tenant; tenants without any are left out. */
    Map<TenantId, Long> queuedPerTenant();
}
