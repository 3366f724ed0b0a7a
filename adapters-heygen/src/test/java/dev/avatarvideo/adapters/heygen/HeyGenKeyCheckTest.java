package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck.KeyCheck;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeyGenKeyCheckTest {

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults());
    private final HeyGenKeyCheck keyCheck = new HeyGenKeyCheck(Fixtures.settings(simulator));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aKeyHeyGenAcceptsIsValidAndNamesItsAccount() {
        simulator.acceptApiKey("tenant-key", "acme-video-team");

        assertThat(keyCheck.check(new RendererCredentials(simulator.apiKey()))).isEqualTo(new KeyCheck.Valid("simulated-user"));
        assertThat(keyCheck.check(new RendererCredentials("tenant-key"))).isEqualTo(new KeyCheck.Valid("acme-video-team"));
        assertThat(Fixtures.requestsTo(simulator, "GET", "/v3/users/me")).isEqualTo(2);
    }

    @Test
    void aKeyHeyGenRefusesIsInvalidAndTheMessageDoesNotRepeatIt() {
        KeyCheck check = keyCheck.check(new RendererCredentials("sk_guess_123"));

        assertThat(check).isInstanceOfSatisfying(KeyCheck.Invalid.class, invalid ->
                assertThat(invalid.message()).contains("refused").doesNotContain("sk_guess_123"));
    }

    @Test
    void noVerdictWhenHeyGenCannotAnswer() throws Exception {
        simulator.useFaults(SimulatorFaults.none().withServerErrors(1.0));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HeyGenKeyCheck unreachable = new HeyGenKeyCheck(HeyGenSettings.of(URI.create("http://127.0.0.1:" + closedPort), "k")
                .withRetries(Fixtures.QUICK_RETRIES));

        assertThat(keyCheck.check(new RendererCredentials(simulator.apiKey()))).isInstanceOf(KeyCheck.Unavailable.class);
        assertThat(unreachable.check(new RendererCredentials("k"))).isInstanceOf(KeyCheck.Unavailable.class);
    }
}
