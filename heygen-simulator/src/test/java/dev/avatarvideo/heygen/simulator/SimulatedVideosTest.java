package dev.avatarvideo.heygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the made MP4s live: a simulator without a state directory leaves nothing behind when it closes; one with a state
 * directory keeps them there, and a restart serves the file made before instead of making it again.
 */
class SimulatedVideosTest {

    private static final RenderPlan PLAN = new RenderPlan(List.of(RenderPlan.Scene.spoken("Anna", "Hello there", null)),
            FrameSize.of("720p", "16:9"), RenderPlan.Captions.NONE);

    @TempDir
    Path stateDir;

    @Test
    void aTemporaryDirectoryGoesWhenItsSimulatorCloses() {
        Path mp4;
        try (SimulatedVideos videos = SimulatedVideos.inTemporaryDirectory()) {
            mp4 = videos.mp4(PLAN, false);
            assertThat(mp4).isRegularFile();
        }

        assertThat(mp4.getParent()).doesNotExist();
    }

    @Test
    void aKeptDirectoryOutlivesItsSimulatorAndItsVideosAreNotMadeAgain() throws Exception {
        Path videosDir = stateDir.resolve("videos");
        Path made;
        try (SimulatedVideos videos = SimulatedVideos.keptIn(videosDir)) {
            made = videos.mp4(PLAN, true);
        }
        byte[] bytes = Files.readAllBytes(made);
        FileTime marked = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(made, marked);

        try (SimulatedVideos restarted = SimulatedVideos.keptIn(videosDir)) {
            Path served = restarted.mp4(PLAN, true);

            assertThat(served).isEqualTo(made);
            assertThat(Files.getLastModifiedTime(served)).as("not made again").isEqualTo(marked);
            assertThat(Files.readAllBytes(served)).isEqualTo(bytes);
        }
        assertThat(made).as("still there after the second close").isRegularFile();
    }
}
