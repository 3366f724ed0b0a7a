package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One timer per route template, method and status, on the registry handed in; the page is whatever the wiring shows. */
class MicrometerHttpMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerHttpMetrics metrics = new MicrometerHttpMetrics(registry, () -> "# the page\n");

    @Test
    void requestsAreTimedByRouteTemplateMethodAndStatus() {
        metrics.served("GET", "/api/videos/{id}", 200, Duration.ofMillis(12));
        metrics.served("GET", "/api/videos/{id}", 200, Duration.ofMillis(30));
        metrics.served("GET", "/api/videos/{id}", 404, Duration.ofMillis(3));

        Timer ok = registry.get("http.server.requests").tags("method", "GET", "uri", "/api/videos/{id}", "status", "200").timer();
        Timer missing = registry.get("http.server.requests").tags("status", "404", "outcome", "CLIENT_ERROR").timer();
        assertThat(ok.count()).isEqualTo(2);
        assertThat(ok.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(42.0);
        assertThat(ok.getId().getTag("outcome")).isEqualTo("SUCCESS");
        assertThat(missing.count()).isEqualTo(1);
    }

    @Test
    void thePageIsTheOneHandedIn() {
        assertThat(metrics.scrape()).isEqualTo("# the page\n");
    }
}
