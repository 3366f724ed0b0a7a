package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.runtime.Transactions;
import java.util.function.Supplier;

/** Runs the work directly. The in-memory fakes have nothing to roll back, so only use it with them. */
public final class PassThroughTransactions implements Transactions {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
