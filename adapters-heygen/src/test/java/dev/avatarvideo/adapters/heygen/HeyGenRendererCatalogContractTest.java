package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.contract.RendererCatalogContract;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HeyGen catalog adapter against the simulator: the port's contract, plus what only HeyGen's wire can show. */
class HeyGenRendererCatalogContractTest extends RendererCatalogContract {

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults());
    private final HeyGenRendererCatalog catalog = new HeyGenRendererCatalog(Fixtures.settings(simulator));
    private final RendererCredentials credentials = new RendererCredentials(simulator.apiKey());

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Override
    protected RendererCatalog catalog() {
        return catalog;
    }

    @Override
    protected RendererCredentials acceptedCredentials() {
        return credentials;
    }

    @Override
    protected void addLooks(int count) {
        simulator.addGeneratedLooks(count);
    }

    @Test
    void twoHundredFiftyLooksArriveWholeInFivePagesOfFifty() {
        simulator.addGeneratedLooks(245);

        List<AvatarLook> looks = looks(AvatarLookFilter.ALL);

        assertThat(looks).hasSize(250).extracting(AvatarLook::id).doesNotHaveDuplicates().contains("sim-look-00245");
        assertThat(simulator.requests()).hasSize(5).allMatch(r -> r.query().contains("limit=50"));
    }

    @Test
    void looksAndVoicesCarryWhatHeyGenSays() {
        AvatarLook anna = looks(AvatarLookFilter.ALL).stream().filter(l -> l.id().equals("sim-avatar-anna")).findFirst().orElseThrow();
        Voice emma = voices(VoiceFilter.ALL).stream().filter(v -> v.id().equals("sim-voice-en-1")).findFirst().orElseThrow();

        assertThat(anna.type()).isEqualTo(AvatarType.STUDIO_AVATAR);
        assertThat(anna.gender()).contains("female");
        assertThat(anna.defaultVoiceId()).contains("sim-voice-en-1");
        assertThat(anna.previewImageUrl()).hasValueSatisfying(url -> assertThat(url.toString()).startsWith(simulator.baseUrl().toString()));
        assertThat(anna.supportedEngines()).contains("avatar_iv");
        assertThat(anna.tags()).contains("business");
        assertThat(emma.language()).isEqualTo("English");
        assertThat(emma.supportsPause()).isTrue();
    }

    @Test
    void aListingIsRetriedThroughRateLimitsAndServerErrorsAndStillArrivesWhole() {
        simulator.addGeneratedLooks(145);
        simulator.useFaults(SimulatorFaults.none().withSeed(3).withRateLimits(0.2, Duration.ofSeconds(1)).withServerErrors(0.2));

        assertThat(looks(AvatarLookFilter.ALL)).hasSize(150);
    }

    @Test
    void aListingHeyGenCannotGiveIsUnavailableNotAnException() {
        simulator.useFaults(SimulatorFaults.none().withServerErrors(1.0));

        assertThat(catalog.avatarLooks(credentials, AvatarLookFilter.ALL)).isInstanceOf(RendererAnswer.Unavailable.class);
        assertThat(catalog.voices(credentials, VoiceFilter.ALL)).isInstanceOf(RendererAnswer.Unavailable.class);
    }
}
