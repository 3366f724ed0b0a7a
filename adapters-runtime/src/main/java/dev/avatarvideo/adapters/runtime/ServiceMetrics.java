package dev.avatarvideo.bootstrap;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.avatarvideo.adapters.web.HttpMetrics;
import dev.avatarvideo.application.port.out.video.VideoStatistics;
import dev.avatarvideo.domain.VideoStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's metrics, kept by Micrometer and shown at {@code /metrics} in Prometheus' format. The core knows none of
 * this: HTTP requests are reported through the web adapter's {@link HttpMetrics}, HeyGen calls, ingests and
 * notifications by decorators of the out-ports ({@link MeteredVideoRenderers} and its kin), and the video counts are read
 * from {@link VideoStatistics}, at most once per freshness period however often Prometheus scrapes.
 */
final class ServiceMetrics implements HttpMetrics, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);
    /** Latency buckets for the HTTP histogram: enough for quantiles in Prometheus, few enough to stay cheap. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private record Route(String method, String route, int status) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ConcurrentMap<Route, Timer> requests = new ConcurrentHashMap<>();

    ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /**
     * Gauges of the videos by status ({@code avatarvideo_videos}) and of the work waiting ({@code avatarvideo_queue_depth}:
     * queued for submission, rendered and waiting to be copied), counted in the database over every instance.
     */
    void watchVideos(VideoStatistics statistics, Duration freshFor) {
        LoadingCache<Boolean, Map<VideoStatus, Long>> counts = Caffeine.newBuilder().expireAfterWrite(freshFor).build(any -> statistics.byStatus());
        for (VideoStatus status : VideoStatus.values()) {
            Gauge.builder("avatarvideo.videos", counts, count(status))
                    .tag("status", status.name())
                    // Nothing else holds the cache; a gauge's weak reference alone would lose it to the collector.
                    .strongReference(true)
                    .description("Videos by status over all tenants and instances, as the database counts them")
                    .register(registry);
        }
        Gauge.builder("avatarvideo.queue.depth", counts, count(VideoStatus.QUEUED)).tag("queue", "submission").strongReference(true)
                .description("Videos waiting to be sent to HeyGen").register(registry);
        Gauge.builder("avatarvideo.queue.depth", counts, count(VideoStatus.INGESTING)).tag("queue", "ingest").strongReference(true)
                .description("Rendered videos waiting for (or in) their copy into storage").register(registry);
    }

    private static ToDoubleFunction<LoadingCache<Boolean, Map<VideoStatus, Long>>> count(VideoStatus status) {
        return counts -> {
            try {
                return counts.get(Boolean.TRUE).getOrDefault(status, 0L);
            } catch (RuntimeException e) {
                LOG.debug("counting videos for the metrics failed: {}", e.getMessage());
                return Double.NaN;
            }
        };
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
        return registry.scrape();
    }

    /** A metric tag value from a Java name: {@code KeyRejected} becomes {@code key_rejected}. */
    static String tagOf(Class<?> outcome) {
        return outcome.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
