package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.UnclaimedObjectsContract;

class InMemoryUnclaimedObjectsTest extends UnclaimedObjectsContract {

    @Override
    protected Ledger newLedger() {
        return new Ledger(new InMemoryUnclaimedObjects(), new PassThroughTransactions());
    }
}
