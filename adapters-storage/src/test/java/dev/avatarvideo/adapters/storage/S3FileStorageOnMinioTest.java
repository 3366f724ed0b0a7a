package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.contract.FileStorageContract;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.testsupport.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The whole contract on MinIO in Docker; skipped, and says so, on machines without a Docker engine. */
class S3FileStorageOnMinioTest extends FileStorageContract {

    private static S3FileStorage storage;

    @BeforeAll
    static void connect() {
        TestS3.Server minio = TestS3.minio().orElse(null);
        Assumptions.assumeTrue(minio != null, "no Docker engine answers, so no MinIO; S3Proxy runs the same contract");
        storage = S3Storages.connect(minio, new TestClock());
    }

    @AfterAll
    static void disconnect() {
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
