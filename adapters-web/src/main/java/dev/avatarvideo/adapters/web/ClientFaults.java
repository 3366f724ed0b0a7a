package dev.avatarvideo.adapters.web;

import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * Failures that are the client's doing although they surface as exceptions while a route reads the request: a body
 * shorter than its {@code Content-Length}, broken chunked encoding, a client that stops sending. Jetty reports them
 * from deep inside a read; they are answered as the 4xx they are, never as an unexpected 500.
 */
final class ClientFaults {

    private ClientFaults() {
    }

    static Optional<Problem> problemFor(Throwable failure, String instance) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(switch (http.getCode()) {
                    case 408, 413 -> ProblemErrorHandler.problem(http.getCode(), "", instance);
                    default -> Problem.malformedRequest("body", "the request body cannot be read: "
                            + ProblemErrorHandler.printable(http.getReason()), instance);
                });
            }
            if (cause instanceof EofException) {
                return Optional.of(bodyEndedEarly(instance));
            }
            if (cause instanceof TimeoutException) {
                return Optional.of(ProblemErrorHandler.problem(408, "", instance));
            }
        }
        return Optional.empty();
    }

    static Problem bodyEndedEarly(String instance) {
        return Problem.malformedRequest("body", "the request body ended before its Content-Length was reached, or its chunked encoding is"
                + " broken", instance);
    }
}
