package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.InMemoryRendererWebhooks;
import dev.avatarvideo.application.fakes.InMemoryWebhookRegistrations;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.rendering.SetUpRendererWebhook.WebhookSetup;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RendererWebhookSetupTest {

    private static final RendererCredentials KEY = new RendererCredentials("key-1");
    private static final URI URL = URI.create("https://videos.example/webhooks/heygen");

    private final TestClock clock = new TestClock();
    private final InMemoryRendererWebhooks renderer = new InMemoryRendererWebhooks();
    private final InMemoryWebhookRegistrations registrations = new InMemoryWebhookRegistrations();

    private RendererWebhookSetup setup(Optional<WebhookSecret> configured) {
        return new RendererWebhookSetup(renderer, registrations, KEY, URL, configured, clock);
    }

    @Test
    void registersTheEndpointAndKeepsItsSecret() {
        WebhookSetup result = setup(Optional.empty()).setUp();

        assertThat(result.ready()).isTrue();
        assertThat(renderer.endpoints()).singleElement().satisfies(e -> assertThat(e.url()).isEqualTo(URL));
        String id = renderer.endpoints().getFirst().id();
        assertThat(result.endpointId()).contains(id);
        assertThat(registrations.signingSecrets(KEY.account())).containsExactly(renderer.secretOf(id));
    }

    @Test
    void aSecondStartReusesTheEndpointAndItsSecret() {
        setup(Optional.empty()).setUp();
        WebhookSecret first = registrations.signingSecrets(KEY.account()).getFirst();

        WebhookSetup again = setup(Optional.empty()).setUp();

        assertThat(again.ready()).isTrue();
        assertThat(again.detail()).contains("reusing");
        assertThat(renderer.endpoints()).hasSize(1);
        assertThat(registrations.signingSecrets(KEY.account())).containsExactly(first);
        assertThat(renderer.calls()).containsExactly("list", "register", "list");
    }

    @Test
    void anEndpointWhoseSecretIsUnknownHereGetsANewSecret() {
        String existing = renderer.registeredElsewhere(KEY, URI.create(URL + "/"), true);

        WebhookSetup result = setup(Optional.empty()).setUp();

        assertThat(result.ready()).isTrue();
        assertThat(result.endpointId()).contains(existing);
        assertThat(renderer.endpoints()).as("no second endpoint").hasSize(1);
        assertThat(registrations.signingSecrets(KEY.account())).containsExactly(renderer.secretOf(existing));
        assertThat(renderer.calls()).containsExactly("list", "rotate");
    }

    @Test
    void aDisabledEndpointIsReportedNotReady() {
        renderer.registeredElsewhere(KEY, URL, false);

        WebhookSetup result = setup(Optional.empty()).setUp();

        assertThat(result.ready()).isFalse();
        assertThat(result.detail()).contains("DISABLED");
    }

    @Test
    void anUnreachableRendererLeavesItNotReadyToTryAgain() {
        renderer.unavailable(true);
        RendererWebhookSetup setup = setup(Optional.empty());

        assertThat(setup.setUp().ready()).isFalse();
        assertThat(setup.lastSetup().detail()).contains("HTTP 503");

        renderer.unavailable(false);
        assertThat(setup.setUp().ready()).isTrue();
        assertThat(setup.lastSetup().ready()).isTrue();
    }

    @Test
    void withAConfiguredSecretNothingIsRegisteredOnlyChecked() {
        WebhookSecret configured = new WebhookSecret("whsec_operator");

        WebhookSetup missing = setup(Optional.of(configured)).setUp();
        assertThat(missing.ready()).isFalse();
        assertThat(missing.detail()).contains("no endpoint");
        assertThat(renderer.endpoints()).isEmpty();

        String id = renderer.registeredElsewhere(KEY, URL, true);
        WebhookSetup found = setup(Optional.of(configured)).setUp();
        assertThat(found.ready()).isTrue();
        assertThat(found.endpointId()).contains(id);
        assertThat(renderer.calls()).doesNotContain("register", "rotate");
        assertThat(registrations.signingSecrets(KEY.account())).isEmpty();
    }
}
