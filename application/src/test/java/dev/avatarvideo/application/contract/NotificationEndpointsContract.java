package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.notification.CallbackSecrets;
import dev.avatarvideo.application.port.out.notification.NotificationEndpoints;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.NotificationEndpointId;
import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoStatus;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NotificationEndpoints} and {@link CallbackSecrets} implementation must do. */
public abstract class NotificationEndpointsContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

    protected abstract NotificationEndpoints newEndpoints();

    protected abstract CallbackSecrets newCallbackSecrets();

    private NotificationEndpoints endpoints;
    private CallbackSecrets callbackSecrets;
    private TenantId tenant;

    @BeforeEach
    void setUpRepository() {
        endpoints = newEndpoints();
        callbackSecrets = newCallbackSecrets();
        tenant = TenantId.of("ne-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void keepsEveryFieldAndListsOldestFirstForTheTenantOnly() {
        NotificationEndpoint older = endpoint(tenant, "https://platform.example/hooks?team=7", Set.of(VideoStatus.READY, VideoStatus.FAILED), T0);
        NotificationEndpoint newer = endpoint(tenant, "http://localhost:9000/all", Set.of(VideoStatus.values()), T0.plusSeconds(1));
        endpoints.add(newer, SigningSecret.generate());
        endpoints.add(older, SigningSecret.generate());
        endpoints.add(endpoint(TenantId.of("x" + tenant.value()), "https://other.example/", Set.of(VideoStatus.READY), T0), SigningSecret.generate());

        assertThat(endpoints.list(tenant)).containsExactly(older, newer);
    }

    @Test
    void removesOnlyTheTenantsOwnEndpoint() {
        NotificationEndpoint endpoint = endpoint(tenant, "https://platform.example/a", Set.of(VideoStatus.READY), T0);
        endpoints.add(endpoint, SigningSecret.generate());

        assertThat(endpoints.remove(TenantId.of("x" + tenant.value()), endpoint.id())).isFalse();
        assertThat(endpoints.remove(tenant, NotificationEndpointId.newId())).isFalse();
        assertThat(endpoints.remove(tenant, endpoint.id())).isTrue();
        assertThat(endpoints.list(tenant)).isEmpty();
    }

    @Test
    void aCallbackSecretIsKeptOnceAndReplacedOnlyOnPurpose() {
        assertThat(callbackSecrets.find(tenant)).isEmpty();
        SigningSecret first = SigningSecret.generate();

        assertThat(callbackSecrets.findOrAdd(tenant, first)).isEqualTo(first);
        assertThat(callbackSecrets.findOrAdd(tenant, SigningSecret.generate())).isEqualTo(first);
        assertThat(callbackSecrets.find(tenant)).contains(first);

        SigningSecret second = SigningSecret.generate();
        callbackSecrets.replace(tenant, second);
        assertThat(callbackSecrets.find(tenant)).contains(second);
        assertThat(callbackSecrets.find(TenantId.of("x" + tenant.value()))).isEmpty();
    }

    private static NotificationEndpoint endpoint(TenantId tenant, String url, Set<VideoStatus> statuses, Instant createdAt) {
        return new NotificationEndpoint(NotificationEndpointId.newId(), tenant, NotificationUrl.parse("url", url), statuses, createdAt);
    }
}
