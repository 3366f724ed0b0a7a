package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.avatarvideo.application.port.in.operations.CheckReadiness;
import dev.avatarvideo.application.port.in.operations.CheckReadiness.Readiness;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For the platform's operators and probes: {@code /health/live} (the process answers), {@code /health/ready} (it can
 * do its work: 200, or 503 with the dependency to blame) and {@code /metrics} for Prometheus.
 */
final class OperationsRoutes {

    private final CheckReadiness readiness;
    private final HttpMetrics metrics;

    OperationsRoutes(CheckReadiness readiness, HttpMetrics metrics) {
        this.readiness = readiness;
        this.metrics = metrics;
    }

    private static final String LIVE = "/health/live";
    private static final String READY = "/health/ready";
    private static final String METRICS = "/metrics";

    void register(RoutesConfig routes) {
        routes.get(LIVE, ctx -> ctx.json(Map.of("status", "UP")));
        routes.get(READY, this::ready);
        routes.get(METRICS, ctx -> ctx.contentType(HttpMetrics.CONTENT_TYPE).result(metrics.scrape()));
    }

    /** Whether the route is one that machines ask all the time. */
    static boolean isProbe(String route) {
        return LIVE.equals(route) || READY.equals(route) || METRICS.equals(route);
    }

    private void ready(Context ctx) {
        Readiness answer = readiness.check();
        Map<String, DependencyBody> checks = new LinkedHashMap<>();
        answer.dependencies().forEach(d -> checks.put(d.name(),
                new DependencyBody(d.up() ? "UP" : "DOWN", d.required(), d.detail(), d.took().toMillis(), d.checkedAt())));
        ctx.header("Cache-Control", "no-store");
        ctx.status(answer.ready() ? 200 : 503).json(new ReadinessBody(answer.status(), checks));
    }

    record ReadinessBody(String status, Map<String, DependencyBody> checks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DependencyBody(String status, boolean required, String detail, long tookMs, Instant checkedAt) {
    }
}
