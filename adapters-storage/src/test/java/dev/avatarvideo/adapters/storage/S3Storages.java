package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.Clock;
import dev.avatarvideo.testsupport.TestS3;

/** Connects the adapter to a fresh bucket on a test server, as an S3-compatible deployment would configure it. */
final class S3Storages {

    private S3Storages() {
    }

    static S3Settings settingsFor(TestS3.Server server) {
        return S3Settings.compatible(server.endpoint(), server.freshBucket(), server.region(),
                new S3Settings.Credentials(server.accessKey(), server.secretKey()));
    }

    static S3FileStorage connect(TestS3.Server server, Clock clock) {
        return S3FileStorage.connect(settingsFor(server), clock);
    }
}
