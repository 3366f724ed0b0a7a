package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest harness at a tiny size, so it cannot rot unnoticed: every variant runs in its JVM and lands in the table. */
class IngestBenchmarkSmokeTest {

    @Test
    void everyVariantOnEveryStorageCopiesTheWholeFileAndIsReportedAgainstTheRawCopy() {
        Table table = IngestBenchmark.run(IngestBenchmark.Settings.smoke());

        System.out.println(table.markdown());
        assertThat(table.rows()).hasSize(8);
        for (String storage : List.of("filesystem", "s3")) {
            for (String variant : List.of(IngestBenchmark.RAW, IngestBenchmark.RAW_SHA256, IngestBenchmark.SERVICE, IngestBenchmark.BUFFERED)) {
                String row = IngestBenchmark.rowName(storage, 8L << 20, variant);
                assertThat(table.cell(row, "Outcome")).as(row).startsWith("ok");
                assertThat(Double.parseDouble(table.cell(row, "Seconds"))).as(row).isPositive();
                assertThat(Double.parseDouble(table.cell(row, "Ratio to (a)"))).as(row).isPositive();
                assertThat(table.cell(row, "Peak heap")).as(row).endsWith("MiB");
                assertThat(table.cell(row, "Peak RSS")).as(row).endsWith("MiB").doesNotStartWith("-");
            }
            assertThat(table.cell(IngestBenchmark.rowName(storage, 8L << 20, IngestBenchmark.RAW), "Ratio to (a)")).isEqualTo("1.00");
        }
    }
}
