package dev.avatarvideo.heygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the SRT does with what the HTTP tests do not send: scenes spoken from audio files and words too long for a line. */
class SubtitlesTest {

    @Test
    void aSceneSpokenFromAnAudioFileHasNoCueButKeepsItsTimeInTheVideo() {
        RenderPlan plan = new RenderPlan(List.of(RenderPlan.Scene.spoken("Anna", "Hello.", null), RenderPlan.Scene.spoken("Ben", null, null),
                RenderPlan.Scene.spoken("Anna", "Goodbye.", null)), FrameSize.of(null, null), RenderPlan.Captions.SIDECAR);

        assertThat(Subtitles.srt(plan)).isEqualTo("""
                1
                00:00:00,000 --> 00:00:02,560
                Hello.

                2
                00:00:05,120 --> 00:00:07,680
                Goodbye.

                """);
    }

    @Test
    void aWordLongerThanALineGetsALineOfItsOwn() {
        String word = "x".repeat(Subtitles.LINE_LENGTH + 5);

        assertThat(Subtitles.wrap("a " + word + " b")).containsExactly("a", word, "b");
    }
}
