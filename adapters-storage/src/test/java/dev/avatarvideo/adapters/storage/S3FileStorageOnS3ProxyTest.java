package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.contract.FileStorageContract;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.testsupport.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole contract on S3Proxy in this JVM, with the settings an S3-compatible server gets by default. */
class S3FileStorageOnS3ProxyTest extends FileStorageContract {

    private static S3FileStorage storage;

    @BeforeAll
    static void connect() {
        storage = S3Storages.connect(TestS3.s3Proxy(), new TestClock());
    }

    @AfterAll
    static void disconnect() {
        storage.close();
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
