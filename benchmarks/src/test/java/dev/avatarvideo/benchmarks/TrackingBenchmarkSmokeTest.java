package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracking harness with 20 videos: every mode at both budgets finishes every video and is counted against the naive poller. */
class TrackingBenchmarkSmokeTest {

    @Test
    void everyModeAtEveryBudgetCompletesEveryVideoAndCountsItsStatusCalls() {
        TrackingBenchmark.Settings settings = TrackingBenchmark.Settings.smoke();

        Table table = TrackingBenchmark.run(settings);

        System.out.println(table.markdown());
        assertThat(table.rows()).hasSize(1 + 3 * settings.budgets().size());
        assertThat(table.rows()).allSatisfy(row -> assertThat(row.get(2)).as(row.getFirst()).isEqualTo("20/20"));
        assertThat(Double.parseDouble(table.cell(TrackingBenchmark.NAIVE, "Status calls / video")))
                .as("the naive poller asks several times per render").isGreaterThan(2);
        List<List<String>> webhookRows = table.rows().stream().filter(r -> r.getFirst().equals("webhook")).toList();
        assertThat(webhookRows).hasSize(settings.budgets().size()).allSatisfy(row -> {
            assertThat(row.get(3)).as("webhook mode never polls").isEqualTo("0.000");
            assertThat(row.get(4)).as("one fresh status per download").isEqualTo("1.000");
        });
        List<List<String>> pollingRows = table.rows().stream().filter(r -> r.getFirst().equals("polling")).toList();
        assertThat(pollingRows).allSatisfy(row -> assertThat(Double.parseDouble(row.get(3))).as("polling asks in bulk").isPositive());
    }

    @Test
    void renderTimesSpreadLogUniformlyOverTheRange() {
        int[] scripts = TrackingBenchmark.scriptLengths(TrackingBenchmark.Settings.full());

        long minimum = 60_000 / TrackingBenchmark.REAL_RENDER_PER_CHARACTER.toMillis();
        long maximum = 900_000 / TrackingBenchmark.REAL_RENDER_PER_CHARACTER.toMillis();
        assertThat(scripts).hasSize(1_000);
        assertThat(java.util.Arrays.stream(scripts).min().orElseThrow()).isGreaterThanOrEqualTo((int) minimum);
        assertThat(java.util.Arrays.stream(scripts).max().orElseThrow()).isLessThanOrEqualTo((int) maximum + 1);
        long belowGeometricMean = java.util.Arrays.stream(scripts).filter(l -> l < Math.sqrt((double) minimum * maximum)).count();
        assertThat(belowGeometricMean).as("half below the geometric mean, as log-uniform draws are").isBetween(440L, 560L);
    }
}
