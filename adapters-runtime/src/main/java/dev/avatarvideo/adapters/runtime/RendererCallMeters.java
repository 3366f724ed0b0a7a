package dev.avatarvideo.adapters.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Counts calls, errors and their time by operation and outcome: {@code heygen_calls_total}, {@code heygen_errors_total}. */
final class RendererCallMeters {

    private final MeterRegistry registry;

    RendererCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T call(String operation, Supplier<T> call, Function<T, String> outcomeOf, Predicate<T> isError) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "exception";
        boolean error = true;
        try {
            T answer = call.get();
            outcome = outcomeOf.apply(answer);
            error = isError.test(answer);
            return answer;
        } catch (RuntimeException e) {
            outcome = ServiceMetrics.tagOf(e.getClass());
            throw e;
        } finally {
            registry.counter("heygen.calls", "operation", operation, "outcome", outcome).increment();
            if (error) {
                registry.counter("heygen.errors", "operation", operation, "outcome", outcome).increment();
            }
            sample.stop(registry.timer("heygen.call.duration", "operation", operation));
        }
    }
}
