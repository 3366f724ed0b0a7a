package dev.avatarvideo.application.port.out.rendering;

import dev.avatarvideo.domain.RendererCredentials;

/** Asks the renderer whether it accepts a set of credentials, without rendering anything. */
public interface RendererKeyCheck {

    KeyCheck check(RendererCredentials credentials);

    sealed interface KeyCheck {

        /** Accepted; {@code accountName} is the renderer's name for the account, fit to show its owner. */
        record Valid(String accountName) implements KeyCheck {
        }

        /** Refused: the key is wrong, revoked or not a key at all. */
        record Invalid(String message) implements KeyCheck {
        }

        /** No verdict: the renderer could not be asked now. */
        record Unavailable(String reason) implements KeyCheck {
        }
    }
}
