package dev.avatarvideo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scale harness with 100 videos and 40 subscribers: the capped service drains them all and every stream hears its events. */
class ScaleBenchmarkSmokeTest {

    @Test
    void theCappedServiceDrainsEveryVideoAndEverySubscriberHearsEveryChange() {
        ScaleBenchmark.Settings settings = ScaleBenchmark.Settings.smoke();

        Table table = ScaleBenchmark.run(settings);

        System.out.println(table.markdown());
        String inFlight = ScaleBenchmark.IN_FLIGHT + ": " + settings.videos();
        String sse = ScaleBenchmark.SSE + ": " + settings.subscribers();
        assertThat(table.cell(inFlight, "Outcome")).startsWith(settings.videos() + "/" + settings.videos() + " READY");
        assertThat(table.cell(inFlight, "Peak heap (GC log)")).endsWith("MiB").isNotEqualTo("0 MiB");
        assertThat(Long.parseLong(table.cell(inFlight, "Peak threads"))).isPositive();
        assertThat(table.cell(sse, "Outcome")).startsWith((2L * settings.subscribers()) + " INGESTING and READY events received");
        assertThat(Double.parseDouble(table.cell(sse, "Delivery p99 ms"))).isGreaterThanOrEqualTo(Double.parseDouble(table.cell(sse, "Delivery p50 ms")));
    }
}
