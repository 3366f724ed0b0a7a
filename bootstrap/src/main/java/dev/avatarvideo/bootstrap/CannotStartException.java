package dev.avatarvideo.bootstrap;

/**
 * The service cannot start for a reason the operator can fix: a setting, a busy port, a DATA_DIR in use or not
 * writable, a database that does not answer. The message is one sentence saying what and how to fix it; {@code main}
 * prints it alone, without a stack trace, and exits non-zero.
 */
public class CannotStartException extends RuntimeException {

    public CannotStartException(String message) {
        super(message);
    }
}
