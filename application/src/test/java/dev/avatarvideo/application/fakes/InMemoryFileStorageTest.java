package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.FileStorageContract;
import dev.avatarvideo.application.port.out.storage.FileStorage;

class InMemoryFileStorageTest extends FileStorageContract {

    @Override
    protected FileStorage newStorage() {
        return new InMemoryFileStorage(new TestClock());
    }

    @Override
    protected String expectedProvider() {
        return "memory";
    }

    /** Its {@code memory://} addresses exist only inside the test; the real providers prove the HTTP behaviour. */
    @Override
    protected boolean servesUrlsOverHttp() {
        return false;
    }
}
