package dev.avatarvideo.application.port.out.runtime;

import java.util.function.Supplier;

/**
 * A unit of work: everything the supplied work saves through the repositories commits together or not at all.
 * Nested calls join the outer transaction.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
