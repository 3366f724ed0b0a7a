package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest harness at a tiny size, so it cannot rot unnoticed: every variant runs in its JVM and lands in the table. */
class IngestBenchmarkSmokeTest {

    private static final long SIZE = IngestBenchmark.Settings.smoke().sizes().getFirst();

    @Test
    void everyVariantOnEveryStorageCopiesTheWholeFileAndIsReportedAgainstTheRawCopy() {
        Table table = IngestBenchmark.run(IngestBenchmark.Settings.smoke());

        System.out.println(table.markdown());
        assertThat(table.rows()).hasSize(12);
        for (String storage : List.of("filesystem", "s3")) {
            List<String> variants = storage.equals("s3")
                    ? List.of(IngestBenchmark.RAW, IngestBenchmark.RAW_SHA256, IngestBenchmark.RAW_MULTIPART, IngestBenchmark.RAW_MULTIPART_OVERLAPPED,
                            IngestBenchmark.SERVICE, IngestBenchmark.BUNDLE, IngestBenchmark.BUFFERED)
                    : List.of(IngestBenchmark.RAW, IngestBenchmark.RAW_SHA256, IngestBenchmark.SERVICE, IngestBenchmark.BUNDLE, IngestBenchmark.BUFFERED);
            for (String variant : variants) {
                String row = IngestBenchmark.rowName(storage, SIZE, variant);
                assertThat(table.cell(row, "Outcome")).as(row).startsWith("ok");
                assertThat(Double.parseDouble(table.cell(row, "Seconds"))).as(row).isPositive();
                assertThat(Double.parseDouble(table.cell(row, "Ratio to (a)"))).as(row).isPositive();
                assertThat(table.cell(row, "Peak heap")).as(row).endsWith("MiB");
                assertThat(table.cell(row, "Peak RSS")).as(row).endsWith("MiB").doesNotStartWith("-");
            }
            assertThat(table.cell(IngestBenchmark.rowName(storage, SIZE, IngestBenchmark.RAW), "Ratio to (a)")).isEqualTo("1.00");
            String bundle = IngestBenchmark.rowName(storage, SIZE, IngestBenchmark.BUNDLE);
            assertThat(table.cell(bundle, "Outcome")).as("every part of the lesson in storage, nothing else").contains("; 5 objects,");
            assertThat(Double.parseDouble(table.cell(bundle, "Ratio to video only"))).as(bundle).isPositive();
            assertThat(table.cell(IngestBenchmark.rowName(storage, SIZE, IngestBenchmark.SERVICE), "Ratio to video only")).isEqualTo("1.00");
            assertThat(table.cell(IngestBenchmark.rowName(storage, SIZE, IngestBenchmark.RAW), "Ratio to video only")).isEqualTo("-");
        }
        String multipart = IngestBenchmark.rowName("s3", SIZE, IngestBenchmark.RAW_MULTIPART);
        assertThat(table.cell(multipart, "Ratio to (a-mp)")).isEqualTo("1.00");
        assertThat(Double.parseDouble(table.cell(IngestBenchmark.rowName("s3", SIZE, IngestBenchmark.SERVICE), "Ratio to (a-mp)"))).isPositive();
        assertThat(Double.parseDouble(table.cell(IngestBenchmark.rowName("s3", SIZE, IngestBenchmark.RAW_MULTIPART_OVERLAPPED), "Ratio to (a-mp)")))
                .isPositive();
        assertThat(table.cell(IngestBenchmark.rowName("filesystem", SIZE, IngestBenchmark.SERVICE), "Ratio to (a-mp)"))
                .as("no multipart baseline where nothing is uploaded in parts").isEqualTo("-");
    }
}
