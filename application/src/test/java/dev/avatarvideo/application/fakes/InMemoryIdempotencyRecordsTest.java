package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.IdempotencyRecordsContract;
import dev.avatarvideo.application.port.out.idempotency.IdempotencyRecords;

class InMemoryIdempotencyRecordsTest extends IdempotencyRecordsContract {

    @Override
    protected IdempotencyRecords newRecords() {
        return new InMemoryIdempotencyRecords();
    }
}
