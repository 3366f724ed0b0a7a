package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The API harness for a second per endpoint: every endpoint answered as expected under load and lands in the table. */
class ApiBenchmarkSmokeTest {

    @Test
    void helloWorldBareReadsGetAndPostAreMeasuredAndComparedWithHelloWorldAndOneRead() {
        Table table = ApiBenchmark.run(ApiBenchmark.Settings.smoke());

        System.out.println(table.markdown());
        assertThat(table.rows()).extracting(List::getFirst)
                .containsExactly(ApiBenchmark.HELLO, ApiBenchmark.ONE_READ, ApiBenchmark.TWO_READS, ApiBenchmark.GET_VIDEO, ApiBenchmark.POST_VIDEO);
        for (String endpoint : List.of(ApiBenchmark.HELLO, ApiBenchmark.ONE_READ, ApiBenchmark.TWO_READS, ApiBenchmark.GET_VIDEO,
                ApiBenchmark.POST_VIDEO)) {
            assertThat(Long.parseLong(table.cell(endpoint, "Requests"))).as(endpoint).isPositive();
            assertThat(table.cell(endpoint, "Unexpected answers")).as("%s: every answer was the expected status", endpoint).isEqualTo("0");
            assertThat(Double.parseDouble(table.cell(endpoint, "p99 ms"))).as(endpoint)
                    .isGreaterThanOrEqualTo(Double.parseDouble(table.cell(endpoint, "p50 ms")));
        }
        assertThat(table.cell(ApiBenchmark.HELLO, "Ratio to hello-world")).isEqualTo("1.00");
        assertThat(Double.parseDouble(table.cell(ApiBenchmark.GET_VIDEO, "Ratio to hello-world"))).isPositive();
        assertThat(table.cell(ApiBenchmark.ONE_READ, "Ratio to one read")).isEqualTo("1.00");
        assertThat(Double.parseDouble(table.cell(ApiBenchmark.GET_VIDEO, "Ratio to one read"))).isPositive();
        assertThat(Double.parseDouble(table.cell(ApiBenchmark.TWO_READS, "Ratio to one read"))).isPositive();
        assertThat(Double.parseDouble(table.cell(ApiBenchmark.ONE_READ, "PostgreSQL CPU µs / request")))
                .as("the bare read baseline really asks PostgreSQL").isPositive();
    }
}
