package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RenderDelivery;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.util.List;
import java.util.Objects;

/**
 * Opens the renderer's calls (webhooks): what a call says is believed only once it proves signed with one of the
 * account's secrets. The format and the signature scheme are the renderer's adapter's alone.
 */
public interface RenderDeliveries {

    /** Whether the call carries a signature at all; one that carries none is refused without looking up any secret. */
    boolean signed(RenderDelivery delivery);

    /** Opens the call with the secrets the account may sign with now. */
    Opened open(RenderDelivery delivery, List<WebhookSecret> secrets);

    /** What a call turned out to be. */
    sealed interface Opened {

        /** Not signed with any of the secrets: nothing it says is believed. */
        record Refused() implements Opened {
        }

        /** Signed, and about one of the renders this service tracks. */
        record Event(RenderEvent event) implements Opened {

            public Event {
                Objects.requireNonNull(event, "event");
            }
        }

        /** Signed, but about nothing this service tracks (another kind of event, or a body that names no render). */
        record NothingTracked() implements Opened {
        }
    }
}
