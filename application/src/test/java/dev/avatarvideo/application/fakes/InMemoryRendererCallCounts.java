package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** {@link RendererCallCounts} in memory, for fast service tests. */
public final class InMemoryRendererCallCounts implements RendererCallCounts {

    private final Map<Call, Long> totals = new EnumMap<>(Call.class);
    private final Instant since;

    public InMemoryRendererCallCounts(Instant since) {
        this.since = since;
    }

    @Override
    public synchronized void add(Call call, int count) {
        totals.merge(call, (long) count, Long::sum);
    }

    @Override
    public synchronized Map<Call, Long> totals() {
        Map<Call, Long> copy = new EnumMap<>(Call.class);
        copy.putAll(totals);
        return copy;
    }

    @Override
    public Optional<Instant> since() {
        return Optional.of(since);
    }

    public synchronized long of(Call call) {
        return totals.getOrDefault(call, 0L);
    }
}
