package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts.Call;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RendererCallCounts} must do; the in-memory fake and the database adapter pass the same tests. */
public abstract class RendererCallCountsContract {

    private RendererCallCounts counts;

    /** Counts that start at zero. */
    protected abstract RendererCallCounts newCounts();

    @BeforeEach
    void setUpCounts() {
        counts = newCounts();
    }

    @Test
    void addsUpEachKindOfCall() {
        assertThat(counts.totals()).isEmpty();

        counts.add(Call.STATUS_BULK, 1);
        counts.add(Call.STATUS_BULK, 2);
        counts.add(Call.STATUS_SINGLE, 1);

        assertThat(counts.totals()).isEqualTo(Map.of(Call.STATUS_BULK, 3L, Call.STATUS_SINGLE, 1L));
        assertThat(counts.since()).isPresent();
    }
}
