package dev.avatarvideo.heygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Benchmarks spread render times over a realistic range by the length of the script, as real renders follow video length. */
class RenderTimeFollowsScriptTest {

    private final SettableClock clock = new SettableClock();
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withRenderTime(Duration.ofSeconds(60)), clock);
    private final RawHeyGen heygen = new RawHeyGen(simulator.baseUrl(), simulator.apiKey());

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void withoutTheSettingEveryRenderTakesTheFixedTime() {
        String id = heygen.createVideo();

        assertThat(simulator.renderCompletedAt(id)).contains(clock.instant().plusSeconds(60));
    }

    @Test
    void aRenderTakesItsTimePerCharacterOfEveryScene() {
        Instant start = clock.instant();
        simulator.renderTimePerScriptCharacter(Duration.ofMillis(10));

        String oneScene = create("{\"type\": \"avatar\", \"avatar_id\": \"sim-avatar-anna\", \"voice_id\": \"sim-voice-en-1\", \"script\": \""
                + "a".repeat(300) + "\"}");
        String twoScenes = create("{\"type\": \"studio\", \"scenes\": [" + scene(100) + ", " + scene(250) + "]}");

        assertThat(simulator.renderCompletedAt(oneScene)).contains(start.plusSeconds(3));
        assertThat(simulator.renderCompletedAt(twoScenes)).contains(start.plusMillis(3_500));
        assertThat(simulator.renderCompletedAt("no-such-render")).isEmpty();
    }

    @Test
    void zeroGoesBackToTheFixedTime() {
        simulator.renderTimePerScriptCharacter(Duration.ofMillis(10));
        simulator.renderTimePerScriptCharacter(Duration.ZERO);

        String id = heygen.createVideo();

        assertThat(simulator.renderCompletedAt(id)).contains(clock.instant().plusSeconds(60));
    }

    private String create(String body) {
        var response = heygen.post("/v3/videos", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RawHeyGen.json(response).at("/data/video_id").asText();
    }

    private static String scene(int characters) {
        return "{\"type\": \"avatar_video\", \"input\": {\"type\": \"avatar\", \"avatar_id\": \"sim-avatar-anna\", \"voice_id\": \"sim-voice-en-1\","
                + " \"script\": \"" + "b".repeat(characters) + "\"}}";
    }
}
