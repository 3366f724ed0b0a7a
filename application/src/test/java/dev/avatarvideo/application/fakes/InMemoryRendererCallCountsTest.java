package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.RendererCallCountsContract;
import dev.avatarvideo.application.port.out.rendering.RendererCallCounts;
import java.time.Instant;

class InMemoryRendererCallCountsTest extends RendererCallCountsContract {

    @Override
    protected RendererCallCounts newCounts() {
        return new InMemoryRendererCallCounts(Instant.parse("2026-11-21T10:00:00Z"));
    }
}
