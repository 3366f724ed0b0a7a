package dev.avatarvideo.application.port.in.rendering;

/**
 * Take in a call from the renderer (a webhook): keep it if its signature is ours, and answer at once. Acting on it
 * happens in the background ({@link ApplyRenderEvents}), and only ever as a fresh question to the renderer.
 */
public interface ReceiveRenderEvent {

    Receipt receive(RenderEventCommand command);

    enum Receipt {
        /** Not signed with any secret the renderer was given: nothing was kept. */
        REJECTED,
        /** Signed, and new: kept, to be acted on. */
        ACCEPTED,
        /** Signed, but the same event for the same render came before: nothing changes. */
        DUPLICATE,
        /** Signed, but about nothing this service tracks: nothing was kept. */
        IGNORED
    }
}
