package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.runtime.Transactions;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * A unit of work on one database transaction. The repositories take their handle from Jdbi on the same thread, and
 * Jdbi hands them the transaction's handle while one is open, so everything inside commits or rolls back together.
 */
final class JdbiTransactions implements Transactions {

    private final Jdbi jdbi;

    JdbiTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jdbi.inTransaction(handle -> work.get());
    }
}
