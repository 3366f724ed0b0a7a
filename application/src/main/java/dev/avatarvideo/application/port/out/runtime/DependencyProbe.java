package dev.avatarvideo.application.port.out.runtime;

import java.util.Objects;

/**
 * One thing the service needs to do its work (the database, the file storage, the renderer), asked whether it answers
 * now. A probe is cheap and read-only; it may block or throw, and the caller bounds how long it waits.
 */
public interface DependencyProbe {

    /** A short stable name operators see: {@code database}, {@code storage}, {@code heygen}. */
    String name();

    Result probe();

    /** How the dependency answered; {@code detail} says what was seen, fit for operators and free of secrets. */
    record Result(boolean up, String detail) {

        public Result {
            Objects.requireNonNull(detail, "detail");
        }

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String reason) {
            return new Result(false, reason);
        }
    }
}
