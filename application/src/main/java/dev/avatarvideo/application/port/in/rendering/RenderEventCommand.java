package dev.avatarvideo.application.port.in.rendering;

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
 * @param account the renderer account whose endpoint was called (its key's fingerprint, from the address); empty for
 *                the service-wide account's endpoint
 */
public record RenderEventCommand(byte[] body, List<byte[]> signatures, Optional<RenderEvent> event, Optional<String> account) {

    public RenderEventCommand {
        Objects.requireNonNull(body, "body");
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(account, "account");
    }

    /** A call to the service-wide account's endpoint. */
    public RenderEventCommand(byte[] body, List<byte[]> signatures, Optional<RenderEvent> event) {
        this(body, signatures, event, Optional.empty());
    }
}
