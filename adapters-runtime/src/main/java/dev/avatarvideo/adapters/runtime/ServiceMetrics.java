package dev.avatarvideo.adapters.runtime;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.avatarvideo.application.port.out.video.VideoStatistics;
import dev.avatarvideo.domain.VideoStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's metrics registry, kept by Micrometer and shown at {@code /metrics} in Prometheus' format, with the JVM's
 * own meters bound to it. The core knows none of this: HeyGen calls, ingests and notifications are counted by decorators
 * of the out-ports ({@link MeteredVideoRenderers} and its kin), HTTP requests by the web adapter on this registry, and the
 * video counts are read from {@link VideoStatistics}, at most once per freshness period however often Prometheus scrapes.
 */
public final class ServiceMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Gauges of the videos by status ({@code avatarvideo_videos}) and of the work waiting ({@code avatarvideo_queue_depth}:
     * queued for submission, rendered and waiting to be copied), counted in the database over every instance.
     */
    public void watchVideos(VideoStatistics statistics, Duration freshFor) {
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

    /** Every metric the service keeps, in Prometheus' text format. */
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
