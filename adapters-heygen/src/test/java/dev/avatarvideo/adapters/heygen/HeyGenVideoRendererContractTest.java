package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.application.contract.VideoRendererContract;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer.RenderStatus;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The renderer's contract on the HeyGen adapter against the simulator, which renders for real (quickly). */
class HeyGenVideoRendererContractTest extends VideoRendererContract {

    private static HeyGenSimulator simulator;
    private static HeyGenVideoRenderer renderer;

    @BeforeAll
    static void startSimulator() {
        simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofMillis(300)));
        renderer = new HeyGenVideoRenderer(Fixtures.settings(simulator));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Override
    protected VideoRenderer renderer() {
        return renderer;
    }

    @Override
    protected void finish(AvatarVideo video, RenderId render) {
        Fixtures.await("render " + render + " completed", Duration.ofSeconds(20), () -> renderer.status(render) instanceof RenderStatus.Completed);
    }

    @Override
    protected Scene knownScene() {
        return Fixtures.ANNA;
    }
}
