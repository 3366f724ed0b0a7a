package dev.avatarvideo.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the renderer answered to a question or an instruction: the value, or exactly why not. Callers decide what each
 * reason means for them; none of them is an exception.
 */
public sealed interface RendererAnswer<T> {

    record Answered<T>(T value) implements RendererAnswer<T> {

        public Answered {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The renderer does not accept the credentials (for HeyGen: the API key is invalid or revoked). */
    record KeyRejected<T>(String message) implements RendererAnswer<T> {
    }

    /** The renderer refused the request as asked, naming the field when it does. */
    record Refused<T>(String field, String message) implements RendererAnswer<T> {
    }

    /** The renderer does not know what was named (an endpoint id, for example). */
    record NotFound<T>(String message) implements RendererAnswer<T> {
    }

    /** Too many requests; asking again after {@code retryAfter} is welcome. */
    record RateLimited<T>(Duration retryAfter) implements RendererAnswer<T> {
    }

    /** The renderer could not answer now (server errors, timeouts, unreachable), even after the retries that are safe. */
    record Unavailable<T>(String reason) implements RendererAnswer<T> {
    }

    default Optional<T> answered() {
        return this instanceof Answered<T> answered ? Optional.of(answered.value()) : Optional.empty();
    }
}
