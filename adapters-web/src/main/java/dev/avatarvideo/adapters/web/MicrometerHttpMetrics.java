package dev.avatarvideo.adapters.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Times every request by route template, method and status ({@code http_server_requests_seconds}) on a Micrometer
 * registry. Only this adapter sees routes and statuses, so the timers are made here; which registry keeps them, and the
 * page {@code /metrics} shows, are handed in.
 */
public final class MicrometerHttpMetrics implements HttpMetrics {

    /** Latency buckets for the HTTP histogram: enough for quantiles in Prometheus, few enough to stay cheap. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private record Route(String method, String route, int status) {
    }

    private final MeterRegistry registry;
    private final Supplier<String> page;
    private final ConcurrentMap<Route, Timer> requests = new ConcurrentHashMap<>();

    /** @param page every metric the service keeps, in Prometheus' text format */
    public MicrometerHttpMetrics(MeterRegistry registry, Supplier<String> page) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.page = Objects.requireNonNull(page, "page");
    }

    @Override
    public void served(String method, String route, int status, Duration took) {
        requests.computeIfAbsent(new Route(method, route, status), key -> Timer.builder("http.server.requests")
                        .description("HTTP requests by route template, method and status")
                        .tags(Tags.of("method", key.method(), "uri", key.route(), "status", Integer.toString(key.status()),
                                "outcome", Outcome.forStatus(key.status()).name()))
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry))
                .record(took);
    }

    @Override
    public String scrape() {
        return page.get();
    }
}
