package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeyGenVideoRenderersTest {

    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults());

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void eachAccountIsAskedWithItsOwnKeyAndKeepsItsRenderer() {
        simulator.acceptApiKey("second-key", "second-user");
        HeyGenVideoRenderers renderers = new HeyGenVideoRenderers(HeyGenSettings.of(simulator.baseUrl(), "unused"));
        RendererCredentials first = new RendererCredentials(simulator.apiKey());
        RendererCredentials refused = new RendererCredentials("nobody-knows-this-key");

        VideoRenderer firstRenderer = renderers.forAccount(first);

        assertThat(renderers.forAccount(first)).isSameAs(firstRenderer);
        assertThat(renderers.forAccount(new RendererCredentials("second-key"))).isNotSameAs(firstRenderer);
        assertThat(firstRenderer.statuses(List.of(new RenderId("unknown-render")))).containsValue(new RenderStatus.NotFound());
        assertThat(renderers.forAccount(refused).statuses(List.of(new RenderId("unknown-render"))).values())
                .allMatch(RenderStatus.KeyRejected.class::isInstance);
    }
}
