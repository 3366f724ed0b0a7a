package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.InMemoryCallbackSecrets;
import dev.avatarvideo.application.fakes.InMemoryNotificationEndpoints;
import dev.avatarvideo.application.fakes.ScriptedHostLookup;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.notification.AddNotificationEndpoint.Added;
import dev.avatarvideo.application.port.in.notification.AddNotificationEndpointCommand;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.NotificationEndpoint;
import dev.avatarvideo.domain.ReceiverAddressPolicy;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VideoStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationEndpointRegistryTest {

    private static final TenantId TENANT = TenantId.of("acme");

    private final InMemoryNotificationEndpoints endpoints = new InMemoryNotificationEndpoints();
    private final TestClock clock = new TestClock();
    private final ScriptedHostLookup dns = new ScriptedHostLookup();
    private final NotificationEndpointRegistry registry = new NotificationEndpointRegistry(endpoints,
            new ReceiverScreening(dns, ReceiverAddressPolicy.allowing("hooks.internal")), clock);
    private final InMemoryCallbackSecrets callbackSecrets = new InMemoryCallbackSecrets();
    private final CallbackSecretService callbackSecretService = new CallbackSecretService(callbackSecrets);

    @Test
    void anEndpointGetsItsOwnFreshSecretAndHearsEverythingUnlessToldOtherwise() {
        Added first = registry.add(AddNotificationEndpointCommand.fromFields(TENANT, "https://platform.example/a", null));
        clock.advance(java.time.Duration.ofSeconds(1));
        Added second = registry.add(AddNotificationEndpointCommand.fromFields(TENANT, "https://platform.example/b", List.of("video.ready", "video.failed")));

        assertThat(first.secret().value()).startsWith("whsec_");
        assertThat(first.secret()).isNotEqualTo(second.secret());
        assertThat(endpoints.secretOf(first.endpoint().id())).contains(first.secret());
        assertThat(first.endpoint().statuses()).isEqualTo(EnumSet.allOf(VideoStatus.class));
        assertThat(second.endpoint().statuses()).isEqualTo(Set.of(VideoStatus.READY, VideoStatus.FAILED));
        assertThat(registry.list(TENANT)).extracting(NotificationEndpoint::id).containsExactly(first.endpoint().id(), second.endpoint().id());
    }

    @Test
    void removingIsForTheOwningTenantOnly() {
        Added added = registry.add(AddNotificationEndpointCommand.fromFields(TENANT, "https://platform.example/a", null));

        assertThat(registry.remove(TenantId.of("other"), added.endpoint().id())).isFalse();
        assertThat(registry.list(TENANT)).hasSize(1);
        assertThat(registry.remove(TENANT, added.endpoint().id())).isTrue();
        assertThat(registry.list(TENANT)).isEmpty();
        assertThat(registry.remove(TENANT, added.endpoint().id())).isFalse();
    }

    @Test
    void aTenantMayHaveAtMostTwentyEndpoints() {
        for (int i = 0; i < NotificationEndpoint.MAX_PER_TENANT; i++) {
            registry.add(AddNotificationEndpointCommand.fromFields(TENANT, "https://platform.example/" + i, null));
        }

        assertThatThrownBy(() -> registry.add(AddNotificationEndpointCommand.fromFields(TENANT, "https://platform.example/x", null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 20");
    }

    @Test
    void refusesBadUrlsAndUnknownEventTypesNamingTheField() {
        assertThatThrownBy(() -> AddNotificationEndpointCommand.fromFields(TENANT, "mailto:ops@platform.example", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("url"));
        assertThatThrownBy(() -> AddNotificationEndpointCommand.fromFields(TENANT, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("url"));
        assertThatThrownBy(() -> AddNotificationEndpointCommand.fromFields(TENANT, "https://platform.example/a", List.of("video.ready", "video.done")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("events[1]");
                    assertThat(e.getMessage()).contains("video.queued", "video.failed");
                });
        assertThatThrownBy(() -> AddNotificationEndpointCommand.fromFields(TENANT, "https://platform.example/a", List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("events"));
    }

    @Test
    void refusesAnEndpointInsideTheServicesNetworkNamingTheFieldUnlessTheOperatorAllowsItsHost() {
        dns.point("rebind.attacker.example", "127.0.0.1").point("hooks.internal", "10.1.2.3");
        for (String internal : new String[] {"http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9/", "http://[::1]/",
                "http://[::ffff:127.0.0.1]/", "http://0.0.0.0:8080/", "http://192.168.1.1/", "http://[fd00::1]/", "http://224.0.0.1/",
                "https://rebind.attacker.example/hooks"}) {
            assertThatThrownBy(() -> registry.add(AddNotificationEndpointCommand.fromFields(TENANT, internal, null))).as(internal)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("url"));
        }
        assertThat(registry.list(TENANT)).isEmpty();

        assertThat(registry.add(AddNotificationEndpointCommand.fromFields(TENANT, "http://hooks.internal:8080/videos", null)).endpoint().url())
                .hasToString("http://hooks.internal:8080/videos");
    }

    @Test
    void theCallbackSecretIsMadeOnFirstAskShownAgainAndReplacedByRotation() {
        SigningSecret shown = callbackSecretService.show(TENANT);

        assertThat(callbackSecretService.show(TENANT)).isEqualTo(shown);
        SigningSecret rotated = callbackSecretService.rotate(TENANT);
        assertThat(rotated).isNotEqualTo(shown);
        assertThat(callbackSecretService.show(TENANT)).isEqualTo(rotated);
        assertThat(callbackSecretService.show(TenantId.of("other"))).isNotEqualTo(rotated);
    }
}
