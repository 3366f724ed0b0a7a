package dev.avatarvideo.application.port.in.notification;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoEvent;
import dev.avatarvideo.domain.VideoStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A new notification endpoint as the caller asked for it.
 *
 * @param statuses which status changes it hears; all of them when the caller named none
 */
public record AddNotificationEndpointCommand(TenantId tenantId, NotificationUrl url, Set<VideoStatus> statuses) {

    public AddNotificationEndpointCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(url, "url");
        statuses = Set.copyOf(statuses == null || statuses.isEmpty() ? EnumSet.allOf(VideoStatus.class) : statuses);
    }

    /**
     * From the caller's fields: {@code events} absent means every event type; present, it must name at least one
     * known type ({@code video.ready}).
     */
    public static AddNotificationEndpointCommand fromFields(TenantId tenantId, String url, List<String> events) {
        NotificationUrl parsed = NotificationUrl.parse("url", url);
        if (events == null) {
            return new AddNotificationEndpointCommand(tenantId, parsed, Set.of());
        }
        if (events.isEmpty()) {
            throw new InvalidInputException("events", "events must name at least one event type, or be left out for all of them");
        }
        Set<VideoStatus> statuses = EnumSet.noneOf(VideoStatus.class);
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            String field = "events[" + i + "]";
            statuses.add(VideoEvent.statusOfType(type).orElseThrow(() -> new InvalidInputException(field,
                    field + " is not an event type; known: " + String.join(", ", knownTypes()))));
        }
        return new AddNotificationEndpointCommand(tenantId, parsed, statuses);
    }

    private static List<String> knownTypes() {
        return EnumSet.allOf(VideoStatus.class).stream().map(VideoEvent::typeOf).toList();
    }
}
