package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RenderEvent;
import java.time.Instant;
import java.util.Optional;

/** Renderer events (webhooks) received and verified, kept once per event and render until they are acted on. */
public interface RenderEventInbox {

    /** Keeps the event; answers false when the same event for the same render was received before. */
    boolean add(RenderEvent event, Instant receivedAt);

    /**
     * Asks for a fresh check of every rendering video an event received so far names, and answers how many. An
     * event naming a render no video has yet (its submission is still being saved) waits for it until
     * {@code forgetUnmatchedBefore} has passed its arrival; an event for a video past rendering has nothing to do.
     */
    int apply(Instant now, Instant forgetUnmatchedBefore);

    /** When the latest event arrived, duplicates included. */
    Optional<Instant> lastReceivedAt();

    /** Deliveries received in all, duplicates included. */
    long deliveries();
}
