package dev.avatarvideo.application.contract;

import dev.avatarvideo.domain.RendererAccount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations;
import dev.avatarvideo.application.port.out.rendering.WebhookRegistrations.WebhookRegistration;
import dev.avatarvideo.domain.WebhookSecret;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link WebhookRegistrations} must do; the in-memory fake and the database adapter pass the same tests. */
public abstract class WebhookRegistrationsContract {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");
    private static final URI URL = URI.create("https://videos.example/webhooks/heygen");

    private WebhookRegistrations registrations;
    private static final RendererAccount ANOTHER_ACCOUNT = new RendererAccount("0000000000ff");

    private RendererAccount account;

    /** Empty registrations. */
    protected abstract WebhookRegistrations newRegistrations();

    @BeforeEach
    void setUpRegistrations() {
        registrations = newRegistrations();
        account = randomAccount();
    }

    /** Each test its own account: the database behind a contract may be shared. */
    private static RendererAccount randomAccount() {
        return new RendererAccount(UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    @Test
    void keepsARegistrationWithItsSecretUsable() {
        WebhookRegistration registration = new WebhookRegistration(account, URL, "ep_1", new WebhookSecret("whsec_one"), T0);

        registrations.save(registration);

        assertThat(registrations.find(account, URL)).contains(registration);
        assertThat(registrations.find(account, URI.create("https://other.example/webhooks/heygen"))).isEmpty();
        assertThat(registrations.find(ANOTHER_ACCOUNT, URL)).isEmpty();
        assertThat(registrations.signingSecrets(account)).contains(new WebhookSecret("whsec_one"));
        assertThat(registrations.signingSecrets(ANOTHER_ACCOUNT)).as("a secret verifies only its own account's calls").isEmpty();
    }

    @Test
    void aNewSecretForTheSameEndpointReplacesTheOld() {
        registrations.save(new WebhookRegistration(account, URL, "ep_1", new WebhookSecret("whsec_old"), T0));
        WebhookRegistration rotated = new WebhookRegistration(account, URL, "ep_2", new WebhookSecret("whsec_new"), T0.plusSeconds(60));

        registrations.save(rotated);

        assertThat(registrations.find(account, URL)).contains(rotated);
        assertThat(registrations.signingSecrets(account)).contains(new WebhookSecret("whsec_new")).doesNotContain(new WebhookSecret("whsec_old"));
    }

    @Test
    void settingUpRunsTheWorkAndAnswersWhatItAnswers() {
        String answer = registrations.whileSettingUp(account, () -> {
            registrations.save(new WebhookRegistration(account, URL, "ep_9", new WebhookSecret("whsec_inside"), T0));
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(registrations.find(account, URL)).isPresent();
    }
}
