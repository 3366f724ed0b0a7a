package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.rendering.RenderDeliveries;
import dev.avatarvideo.domain.RenderDelivery;
import dev.avatarvideo.domain.RenderEvent;
import dev.avatarvideo.domain.WebhookSecret;
import java.util.List;
import java.util.Optional;

/**
 * {@link RenderDeliveries} without any real signature scheme, for service tests: a simulated delivery names the secret
 * it was "signed" with and what that signature covered. It opens when the secret is one of those given and the
 * signature covers what the delivery carries, so a forged, tampered or unsigned one is refused as a real one would be.
 * The real scheme and its tests are the renderer adapter's.
 */
public final class SimulatedRenderDeliveries implements RenderDeliveries {

    /** A simulated call: {@code carries} is what it says (empty: nothing this service tracks). */
    public record SimulatedDelivery(Optional<Seal> seal, Optional<RenderEvent> carries) implements RenderDelivery {
    }

    /** A simulated seal (the stand-in for a signature) with {@code secret} over {@code covers}. */
    public record Seal(WebhookSecret secret, Optional<RenderEvent> covers) {
    }

    public static SimulatedDelivery signed(WebhookSecret secret, RenderEvent event) {
        return new SimulatedDelivery(Optional.of(new Seal(secret, Optional.of(event))), Optional.of(event));
    }

    /** Signed, but about nothing this service tracks. */
    public static SimulatedDelivery signedUntracked(WebhookSecret secret) {
        return new SimulatedDelivery(Optional.of(new Seal(secret, Optional.empty())), Optional.empty());
    }

    /** Carries {@code carried}, with a genuine signature over {@code signed}: altered on the way. */
    public static SimulatedDelivery tampered(WebhookSecret secret, RenderEvent signed, RenderEvent carried) {
        return new SimulatedDelivery(Optional.of(new Seal(secret, Optional.of(signed))), Optional.of(carried));
    }

    public static SimulatedDelivery unsigned(RenderEvent event) {
        return new SimulatedDelivery(Optional.empty(), Optional.of(event));
    }

    @Override
    public boolean signed(RenderDelivery delivery) {
        return ((SimulatedDelivery) delivery).seal().isPresent();
    }

    @Override
    public Opened open(RenderDelivery delivery, List<WebhookSecret> secrets) {
        SimulatedDelivery simulated = (SimulatedDelivery) delivery;
        boolean genuine = simulated.seal().filter(seal -> secrets.contains(seal.secret())
                && seal.covers().equals(simulated.carries())).isPresent();
        if (!genuine) {
            return new Opened.Refused();
        }
        return simulated.carries().<Opened>map(Opened.Event::new).orElseGet(Opened.NothingTracked::new);
    }
}
