package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.port.out.runtime.Transactions;
import java.util.List;
import java.util.function.Supplier;

/**
 * A unit of work over in-memory fakes: when the work fails, every participating fake is put back as it was when the
 * outermost unit of work began, as a database rollback would. Nested calls join the outer one. One thread at a time.
 */
public final class RollbackTransactions implements Transactions {

    /** A fake that can take part: it hands out a way to restore its current state. */
    public interface Participant {

        Runnable snapshot();
    }

    private final List<Participant> participants;
    private final ThreadLocal<Boolean> open = ThreadLocal.withInitial(() -> false);

    public RollbackTransactions(Participant... participants) {
        this.participants = List.of(participants);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (open.get()) {
            return work.get();
        }
        List<Runnable> restore = participants.stream().map(Participant::snapshot).toList();
        open.set(true);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            restore.forEach(Runnable::run);
            throw e;
        } finally {
            open.set(false);
        }
    }
}
