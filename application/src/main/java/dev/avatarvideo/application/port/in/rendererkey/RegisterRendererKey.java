package dev.avatarvideo.application.port.in.rendererkey;

/**
 * Let a tenant render with its own renderer key: accepted only once the renderer confirms it, then kept protected
 * and used for the tenant's new videos and listings.
 */
public interface RegisterRendererKey {

    Outcome register(RegisterRendererKeyCommand command);

    sealed interface Outcome {

        record Registered(RendererKeyView key) implements Outcome {
        }

        /** The renderer refuses the key; nothing changed. */
        record Refused(String message) implements Outcome {
        }

        /** The renderer could not be asked now; nothing changed. */
        record Unavailable(String reason) implements Outcome {
        }
    }
}
