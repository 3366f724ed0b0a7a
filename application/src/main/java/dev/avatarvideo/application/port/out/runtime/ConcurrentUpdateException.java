package dev.avatarvideo.application.port.out.runtime;

/** Someone else changed the record since it was read; re-read and decide again. */
public final class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException(String message) {
        super(message);
    }
}
