package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link RendererCallCounts} in {@code renderer_calls}, one counter row per kind of call, shared by every instance. */
final class JdbiRendererCallCounts implements RendererCallCounts {

    private final Jdbi jdbi;

    JdbiRendererCallCounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(Call call, int count) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO renderer_calls (call, calls, since) VALUES (:call, :count, now())
                        ON CONFLICT (call) DO UPDATE SET calls = renderer_calls.calls + EXCLUDED.calls""")
                .bind("call", call.name())
                .bind("count", count)
                .execute());
    }

    @Override
    public Map<Call, Long> totals() {
        Map<Call, Long> totals = new EnumMap<>(Call.class);
        jdbi.useHandle(handle -> handle.createQuery("SELECT call, calls FROM renderer_calls")
                .map((rs, ctx) -> Map.entry(Call.valueOf(rs.getString("call")), rs.getLong("calls")))
                .list()
                .forEach(entry -> totals.put(entry.getKey(), entry.getValue())));
        return totals;
    }

    @Override
    public Optional<Instant> since() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT min(since) FROM renderer_calls")
                .map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .one());
    }
}
