package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where the console may load avatar previews from, by which HeyGen the service talks to. */
class HeyGenSettingsTest {

    @Test
    void heyGensPreviewsLiveOnItsFileHosts() {
        assertThat(HeyGenSettings.of(HeyGenSettings.DEFAULT_BASE_URL, "key").previewImageSource()).isEqualTo("https://*.heygen.ai");
        assertThat(HeyGenSettings.of(URI.create("https://API.HeyGen.com/"), "key").previewImageSource()).isEqualTo("https://*.heygen.ai");
    }

    @Test
    void aSimulatorServesItsPreviewsFromItsOwnAddress() {
        assertThat(HeyGenSettings.of(URI.create("http://127.0.0.1:41234"), "key").previewImageSource()).isEqualTo("http://127.0.0.1:41234");
        assertThat(HeyGenSettings.of(URI.create("https://Sim.Example.org/heygen"), "key").previewImageSource()).isEqualTo("https://sim.example.org");
    }
}
