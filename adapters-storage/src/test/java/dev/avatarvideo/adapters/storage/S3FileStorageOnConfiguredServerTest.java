package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.contract.FileStorageContract;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.testsupport.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole contract on the server named by {@code TEST_S3_ENDPOINT} (your MinIO, R2 or Supabase test bucket
 * account); skipped when it is not set.
 */
class S3FileStorageOnConfiguredServerTest extends FileStorageContract {

    private static S3FileStorage storage;

    @BeforeAll
    static void connect() {
        TestS3.Server server = TestS3.configured().orElse(null);
        Assumptions.assumeTrue(server != null, "TEST_S3_ENDPOINT is not set");
        storage = S3Storages.connect(server, new TestClock());
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
