package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.contract.FileStorageContract;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.testsupport.TestS3;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The whole {@link FileStorageContract} on one S3-compatible server, connected once for all its tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class S3ServerContract extends FileStorageContract {

    private S3FileStorage storage;

    /** The server to run on; empty skips the whole contract, saying why. */
    protected abstract Optional<TestS3.Server> server();

    /** Why {@link #server()} may be empty, shown when the contract is skipped. */
    protected abstract String whenMissing();

    @BeforeAll
    void connect() {
        Optional<TestS3.Server> server = server();
        Assumptions.assumeTrue(server.isPresent(), whenMissing());
        storage = S3Storages.connect(server.get(), new TestClock());
    }

    @AfterAll
    void disconnect() {
        if (storage != null) {
            storage.close();
        }
    }

    @Override
    protected FileStorage newStorage() {
        return storage;
    }

    @Override
    protected String expectedProvider() {
        return "s3";
    }
}
