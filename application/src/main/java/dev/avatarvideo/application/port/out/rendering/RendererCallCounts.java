package dev.avatarvideo.application.port.out.rendering;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** How often the service asked the renderer, counted across restarts and instances. */
public interface RendererCallCounts {

    void add(Call call, int count);

    Map<Call, Long> totals();

    /** When counting began. */
    Optional<Instant> since();

    enum Call {
        /** A status call for up to a batch of renders at once. */
        STATUS_BULK,
        /** A status call for one render, with a fresh download address when it is done. */
        STATUS_SINGLE,
        /** A request to start a render. */
        SUBMIT
    }
}
