package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.testsupport.TestS3;
import java.util.Optional;

/**
 * The whole contract on the server named by {@code TEST_S3_ENDPOINT} (your MinIO, R2 or Supabase test bucket
 * account); skipped when it is not set.
 */
class S3FileStorageOnConfiguredServerTest extends S3ServerContract {

    @Override
    protected Optional<TestS3.Server> server() {
        return TestS3.configured();
    }

    @Override
    protected String whenMissing() {
        return "TEST_S3_ENDPOINT is not set";
    }
}
