package dev.avatarvideo.domain;

import java.util.Objects;
import java.util.UUID;

/** Our identity for one of a tenant's notification endpoints. */
public record NotificationEndpointId(UUID value) {

    public NotificationEndpointId {
        Objects.requireNonNull(value, "value");
    }

    public static NotificationEndpointId newId() {
        return new NotificationEndpointId(UUID.randomUUID());
    }

    /** Parses an id from a request; anything but a UUID names no endpoint. */
    public static java.util.Optional<NotificationEndpointId> parse(String text) {
        try {
            return java.util.Optional.of(new NotificationEndpointId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
