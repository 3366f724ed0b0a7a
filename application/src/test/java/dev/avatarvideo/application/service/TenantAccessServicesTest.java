package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.InMemoryApiKeys;
import dev.avatarvideo.application.fakes.InMemoryRendererKeys;
import dev.avatarvideo.application.fakes.InMemoryTenants;
import dev.avatarvideo.application.fakes.InMemoryVideos;
import dev.avatarvideo.application.fakes.PassThroughTransactions;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.tenant.AuthenticateApiKey.Authentication;
import dev.avatarvideo.application.port.in.tenant.IssuedApiKey;
import dev.avatarvideo.application.port.in.rendererkey.RegisterRendererKey.Outcome;
import dev.avatarvideo.application.port.in.rendererkey.RegisterRendererKeyCommand;
import dev.avatarvideo.application.port.in.video.RetryAvatarVideo;
import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck.KeyCheck;
import dev.avatarvideo.domain.AspectRatio;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Resolution;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoFailure;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tenants, service API keys, tenants' own renderer keys and video retries, on in-memory fakes. */
class TenantAccessServicesTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId OTHER = TenantId.of("other");

    private final TestClock clock = new TestClock();
    private final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
    private final ApiKeyService keys = new ApiKeyService(apiKeys, clock);
    private final TenantService tenants = new TenantService(new InMemoryTenants(), keys, new PassThroughTransactions(), clock);

    @Test
    void aKeyOpensTheApiForItsTenantUntilRevokedAndOnlyItsHashIsKept() {
        IssuedApiKey issued = keys.issue(ACME, "ci");

        assertThat(keys.authenticate(issued.token().value())).isEqualTo(new Authentication.Authenticated(ACME));
        assertThat(apiKeys.find(issued.key().id()).orElseThrow().hash()).isEqualTo(issued.token().hash())
                .isNotEqualTo(issued.token().value().getBytes());
        String token = issued.token().value();
        // Another last character whatever the issued one is (a fixed "A" left one key in 64 untampered).
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertThat(keys.authenticate(tampered)).isInstanceOf(Authentication.Unknown.class);
        assertThat(keys.authenticate("Bearer nonsense")).isInstanceOf(Authentication.Unknown.class);
        assertThat(keys.authenticate(null)).isInstanceOf(Authentication.Unknown.class);

        assertThat(keys.revoke(OTHER, issued.key().id())).as("another tenant cannot revoke it").isFalse();
        assertThat(keys.authenticate(issued.token().value())).isInstanceOf(Authentication.Authenticated.class);
        assertThat(keys.revoke(ACME, issued.key().id())).isTrue();
        assertThat(keys.authenticate(issued.token().value())).isInstanceOf(Authentication.Revoked.class);
        assertThat(issued.token().toString()).doesNotContain(issued.token().value().substring(17));
    }

    @Test
    void onlyTheVeryFirstStartCreatesATenantWithAKey() {
        assertThat(tenants.createFirst(TenantId.of("default"), "first")).hasValueSatisfying(created ->
                assertThat(keys.authenticate(created.firstKey().token().value())).isEqualTo(new Authentication.Authenticated(TenantId.of("default"))));
        assertThat(tenants.createFirst(TenantId.of("default"), "first")).isEmpty();
        assertThat(tenants.list()).hasSize(1);
    }

    @Test
    void aRendererKeyIsTakenOnlyWhenTheRendererConfirmsItAndRendersInFlightKeepTheirAccount() {
        RendererCredentials service = new RendererCredentials("service-key");
        RendererCredentials first = new RendererCredentials("acme-first");
        RendererCredentials second = new RendererCredentials("acme-second");
        InMemoryRendererKeys stored = new InMemoryRendererKeys();
        RendererKeyRegistry registry = new RendererKeyRegistry(stored, credentials -> switch (credentials.apiKey()) {
            case "acme-first", "acme-second" -> new KeyCheck.Valid("Acme");
            case "down" -> new KeyCheck.Unavailable("timeout");
            default -> new KeyCheck.Invalid("unauthorized");
        }, service, Optional.empty(), clock);

        assertThat(registry.register(new RegisterRendererKeyCommand(ACME, new RendererCredentials("wrong")))).isInstanceOf(Outcome.Refused.class);
        assertThat(registry.register(new RegisterRendererKeyCommand(ACME, new RendererCredentials("down")))).isInstanceOf(Outcome.Unavailable.class);
        assertThat(registry.credentialsFor(ACME)).isEqualTo(service);

        assertThat(registry.register(new RegisterRendererKeyCommand(ACME, first))).isInstanceOf(Outcome.Registered.class);
        assertThat(registry.credentialsFor(ACME)).isEqualTo(first);
        assertThat(registry.credentialsFor(OTHER)).isEqualTo(service);
        assertThat(registry.show(ACME)).hasValueSatisfying(view -> assertThat(view.fingerprint()).isEqualTo(first.fingerprint()));

        stored.rendersInFlightOn(account -> account.equals(first.fingerprint()));
        registry.register(new RegisterRendererKeyCommand(ACME, second));
        assertThat(registry.credentialsFor(ACME)).isEqualTo(second);
        assertThat(registry.credentialsFor(ACME, Optional.of(first.fingerprint()))).as("a render submitted on the replaced key").isEqualTo(first);
        assertThat(registry.credentialsFor(ACME, Optional.of(service.fingerprint()))).isEqualTo(service);

        stored.rendersInFlightOn(account -> false);
        assertThat(registry.remove(ACME)).isTrue();
        assertThat(registry.credentialsFor(ACME)).isEqualTo(service);
        assertThat(registry.credentialsFor(ACME, Optional.of(first.fingerprint()))).as("forgotten once nothing renders on it").isEqualTo(service);
        assertThat(registry.remove(ACME)).isFalse();
    }

    @Test
    void onlyAFailedVideoIsRetriedAndThenAsItsNextRenderAttempt() {
        InMemoryVideos videos = new InMemoryVideos();
        VideoRetrier retrier = new VideoRetrier(videos, clock);
        AvatarVideo queued = AvatarVideo.request(VideoId.newId(), ACME, "t", List.of(new Scene("a", "v", "s")), Resolution.P720,
                AspectRatio.SQUARE, clock.now());
        videos.add(queued);

        assertThatThrownBy(() -> retrier.retry(ACME, queued.id())).isInstanceOf(RetryAvatarVideo.NotFailedException.class);
        AvatarVideo failed = videos.update(queued.startRendering(new RenderId("r-1"), clock.now()));
        failed = videos.update(failed.fail(new VideoFailure("boom", "it broke"), clock.now()));
        assertThat(retrier.retry(OTHER, failed.id())).as("another tenant's video").isEmpty();

        AvatarVideo retried = retrier.retry(ACME, failed.id()).orElseThrow();

        assertThat(retried.status()).isEqualTo(VideoStatus.QUEUED);
        assertThat(retried.renderAttempt()).isEqualTo(2);
        assertThat(retried.assignedRenderId()).isEmpty();
        assertThat(retried.failureReason()).isEmpty();
    }
}
