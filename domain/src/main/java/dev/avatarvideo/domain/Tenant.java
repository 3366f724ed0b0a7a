package dev.avatarvideo.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer of the platform: everything it owns (videos, topics, files, API keys, its HeyGen key) is kept apart from
 * every other tenant's.
 *
 * @param name what people call it; defaults to its id
 */
public record Tenant(TenantId id, String name, Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 200;

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        name = name == null || name.isBlank() ? id.value() : Require.maxLength("name", name.strip(), MAX_NAME_LENGTH);
    }
}
