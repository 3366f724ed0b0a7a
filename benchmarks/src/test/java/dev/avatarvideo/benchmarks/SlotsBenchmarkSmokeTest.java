package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The slots harness with 20 videos through one and two instances in each mode: every row is there, every video READY,
 * and the numbers are possible ones (none quicker than the ceiling, none more slots busy than the key has). No timing target.
 */
class SlotsBenchmarkSmokeTest {

    @Test
    void everyRunFinishesEveryVideoAndReportsPossibleNumbers() {
        SlotsBenchmark.Settings settings = SlotsBenchmark.Settings.smoke();

        Table table = SlotsBenchmark.run(settings);

        System.out.println(table.markdown());
        assertThat(table.rows()).hasSize(settings.instances().size() * settings.modes().size());
        for (int instances : settings.instances()) {
            for (String mode : settings.modes()) {
                String row = SlotsBenchmark.rowName(instances, mode);
                assertThat(table.cell(row, SlotsBenchmark.READY)).as(row).isEqualTo(settings.videos() + "/" + settings.videos());
                double seconds = Double.parseDouble(table.cell(row, SlotsBenchmark.SECONDS));
                assertThat(seconds).as(row + ": never quicker than the ceiling").isGreaterThanOrEqualTo(settings.ceiling().toMillis() / 1000.0);
                assertThat(Double.parseDouble(table.cell(row, SlotsBenchmark.RATIO))).as(row).isBetween(0.01, 1.0);
                assertThat(Double.parseDouble(table.cell(row, SlotsBenchmark.UTILISATION))).as(row).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
                assertThat(Double.parseDouble(table.cell(row, SlotsBenchmark.WAITED))).as(row + ": 20 videos for 10 slots wait").isPositive();
                assertThat(Integer.parseInt(table.cell(row, SlotsBenchmark.PEAK_BUSY))).as(row).isBetween(1, settings.slots());
                assertThat(Double.parseDouble(table.cell(row, SlotsBenchmark.COPY))).as(row + ": a copy takes time")
                        .isGreaterThanOrEqualTo(settings.copyTime().toMillis() / 1000.0 * 0.9);
                assertThat(Integer.parseInt(table.cell(row, SlotsBenchmark.COPIES_AT_ONCE))).as(row).isPositive();
                List.of(SlotsBenchmark.HELD, SlotsBenchmark.OTHER_IDLE, SlotsBenchmark.END_TO_READY)
                        .forEach(column -> assertThat(Double.parseDouble(table.cell(row, column))).as(row + " " + column).isNotNegative());
            }
        }
    }
}
