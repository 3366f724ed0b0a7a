package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.notification.NotificationEndpoints;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoStatus;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** {@link NotificationEndpoints} in PostgreSQL, each secret sealed with the master key ({@link AesGcmSealing}) and bound to its row. */
final class JdbiNotificationEndpoints implements NotificationEndpoints {

    private final Jdbi jdbi;
    private final AesGcmSealing sealing;

    JdbiNotificationEndpoints(Jdbi jdbi, AesGcmSealing sealing) {
        this.jdbi = jdbi;
        this.sealing = sealing;
    }

    /** What a sealed endpoint secret is bound to, so it opens only on its own row. */
    static String context(UUID endpointId) {
        return "notification_endpoints/" + endpointId;
    }

    @Override
    public void add(NotificationEndpoint endpoint, SigningSecret secret) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO notification_endpoints (id, tenant_id, url, statuses, sealed_secret, created_at)
                        VALUES (:id, :tenantId, :url, :statuses, :secret, :createdAt)""")
                .bind("id", endpoint.id().value())
                .bind("tenantId", endpoint.tenantId().value())
                .bind("url", endpoint.url().toString())
                .bindArray("statuses", String.class, endpoint.statuses().stream().map(Enum::name).sorted().toList())
                .bind("secret", sealing.seal(secret.value(), context(endpoint.id().value())))
                .bind("createdAt", endpoint.createdAt().atOffset(ZoneOffset.UTC))
                .execute());
    }

    @Override
    public List<NotificationEndpoint> list(TenantId tenantId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, tenant_id, url, statuses, created_at FROM notification_endpoints
                         WHERE tenant_id = :tenantId ORDER BY created_at, id""")
                .bind("tenantId", tenantId.value())
                .map((rs, ctx) -> new NotificationEndpoint(
                        new NotificationEndpointId(rs.getObject("id", UUID.class)),
                        new TenantId(rs.getString("tenant_id")),
                        new NotificationUrl(URI.create(rs.getString("url"))),
                        Arrays.stream((String[]) rs.getArray("statuses").getArray()).map(VideoStatus::valueOf).collect(Collectors.toSet()),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list());
    }

    @Override
    public boolean remove(TenantId tenantId, NotificationEndpointId id) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM notification_endpoints WHERE id = :id AND tenant_id = :tenantId")
                .bind("id", id.value())
                .bind("tenantId", tenantId.value())
                .execute()) == 1;
    }
}
