package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slots harness's options and the ceiling it measures against. */
class SlotsBenchmarkSettingsTest {

    @Test
    void theCeilingIsTheRenderWavesThenOneCopy() {
        SlotsBenchmark.Settings full = SlotsBenchmark.Settings.full();

        assertThat(full.copyTime()).as("4 MiB at 10 MiB/s").isEqualTo(Duration.ofMillis(400));
        assertThat(full.ceiling()).as("20 waves of 3 s, then one copy").isEqualTo(Duration.ofMillis(60_400));
        assertThat(SlotsBenchmark.Settings.fromArguments(List.of("--videos", "205")).ceiling()).as("a last, partial wave")
                .isEqualTo(Duration.ofMillis(63_400));
    }

    @Test
    void optionsChangeTheFullPass() {
        SlotsBenchmark.Settings settings = SlotsBenchmark.Settings.fromArguments(List.of("--videos", "50", "--render-ms", "2000",
                "--file-mib", "2", "--download-mib-per-s", "20", "--instances", "3", "--modes", "webhook"));

        assertThat(settings.videos()).isEqualTo(50);
        assertThat(settings.renderTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.fileBytes()).isEqualTo(2L << 20);
        assertThat(settings.downloadBytesPerSecond()).isEqualTo(20L << 20);
        assertThat(settings.instances()).containsExactly(3);
        assertThat(settings.modes()).containsExactly("webhook");
        assertThat(settings.slots()).isEqualTo(10);
        assertThat(SlotsBenchmark.Settings.fromArguments(List.of())).isEqualTo(SlotsBenchmark.Settings.full());
        assertThat(SlotsBenchmark.Settings.fromArguments(List.of("--smoke")).videos()).isEqualTo(SlotsBenchmark.Settings.smoke().videos());
    }

    @Test
    void aBadOptionIsRefusedByName() {
        assertThatThrownBy(() -> SlotsBenchmark.Settings.fromArguments(List.of("--modes", "hybrid")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--modes");
        assertThatThrownBy(() -> SlotsBenchmark.Settings.fromArguments(List.of("--videos")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--videos");
        assertThatThrownBy(() -> SlotsBenchmark.Settings.fromArguments(List.of("--instances", "1,x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--instances");
        assertThatThrownBy(() -> SlotsBenchmark.Settings.fromArguments(List.of("--videos", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--videos");
    }
}
