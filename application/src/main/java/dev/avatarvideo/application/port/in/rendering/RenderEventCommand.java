package dev.avatarvideo.application.port.in.rendering;

import dev.avatarvideo.domain.RenderDelivery;
import dev.avatarvideo.domain.RendererAccount;
import java.util.Objects;
import java.util.Optional;

/**
 * A call from the renderer, to be believed only if one of the called account's secrets signed it.
 *
 * @param account the renderer account whose address was called; empty for the service-wide account's address
 * @param delivery the call as it arrived, sealed: only the renderer's adapter opens it
 */
public record RenderEventCommand(Optional<RendererAccount> account, RenderDelivery delivery) {

    public RenderEventCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** A call to the service-wide account's address. */
    public RenderEventCommand(RenderDelivery delivery) {
        this(Optional.empty(), delivery);
    }
}
