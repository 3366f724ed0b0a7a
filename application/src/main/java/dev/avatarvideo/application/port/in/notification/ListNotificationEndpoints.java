package dev.avatarvideo.application.port.in.notification;

import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.TenantId;
import java.util.List;

/** The tenant's notification endpoints, without their secrets. */
public interface ListNotificationEndpoints {

    List<NotificationEndpoint> list(TenantId tenantId);
}
