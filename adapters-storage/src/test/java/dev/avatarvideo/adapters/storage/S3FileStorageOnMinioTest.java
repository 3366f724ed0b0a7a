package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.testsupport.TestS3;
import java.util.Optional;

/** The whole contract on MinIO in Docker; skipped, and says so, on machines without a Docker engine. */
class S3FileStorageOnMinioTest extends S3ServerContract {

    @Override
    protected Optional<TestS3.Server> server() {
        return TestS3.minio();
    }

    @Override
    protected String whenMissing() {
        return "no Docker engine answers, so no MinIO; S3Proxy runs the same contract";
    }
}
