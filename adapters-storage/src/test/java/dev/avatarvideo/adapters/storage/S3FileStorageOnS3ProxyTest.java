package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.testsupport.TestS3;
import java.util.Optional;

/** The whole contract on S3Proxy in this JVM, with the settings an S3-compatible server gets by default. */
class S3FileStorageOnS3ProxyTest extends S3ServerContract {

    @Override
    protected Optional<TestS3.Server> server() {
        return Optional.of(TestS3.s3Proxy());
    }

    @Override
    protected String whenMissing() {
        return "S3Proxy runs in this JVM and is never missing";
    }
}
