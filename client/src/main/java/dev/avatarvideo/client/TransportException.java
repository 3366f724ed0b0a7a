package dev.avatarvideo.client;

/** The service could not be reached, or its answer could not be read. */
public final class TransportException extends RuntimeException {

    TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
