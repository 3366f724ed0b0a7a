package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.domain.RenderDelivery;
import dev.avatarvideo.domain.RenderEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call to HeyGen's webhook address as it arrived: the exact bytes HeyGen signed, the signatures the call carries, and
 * what the body says, read but not yet believed. The core passes it along sealed ({@link RenderDelivery}).
 *
 * @param body the raw body
 * @param signatures every signature the call carries, decoded; malformed ones are left out (no secret of ours made them)
 * @param reading what the body says
 */
record HeyGenDelivery(byte[] body, List<byte[]> signatures, Reading reading) implements RenderDelivery {

    HeyGenDelivery {
        Objects.requireNonNull(body, "body");
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(reading, "reading");
    }

    /**
     * What the body says.
     *
     * @param event the render event it announces, when it is one this service tracks
     * @param type HeyGen's event type, as sent ({@code ""} when the body names none)
     * @param unreadable why the body cannot be used, when it cannot
     */
    record Reading(Optional<RenderEvent> event, String type, Optional<String> unreadable) {

        static Reading unreadable(String type, String why) {
            return new Reading(Optional.empty(), type, Optional.of(why));
        }
    }
}
