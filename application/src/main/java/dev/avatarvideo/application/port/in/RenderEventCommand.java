package dev.avatarvideo.application.port.in;

import dev.avatarvideo.domain.RenderEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call from the renderer as it arrived.
 *
 * @param body the raw request body, exactly the bytes that were signed
 * @param signatures the signatures the call carried (decoded; none when it carried none or only malformed ones)
 * @param event what the body says, when it is an event this service tracks
 */
public record RenderEventCommand(byte[] body, List<byte[]> signatures, Optional<RenderEvent> event) {

    public RenderEventCommand {
        Objects.requireNonNull(body, "body");
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(event, "event");
    }
}
