package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.FileStorageContract;
import dev.avatarvideo.application.port.out.FileStorage;

class InMemoryFileStorageTest extends FileStorageContract {

    @Override
    protected FileStorage newStorage() {
        return new InMemoryFileStorage(new TestClock());
    }

    @Override
    protected String expectedProvider() {
        return "memory";
    }
}
