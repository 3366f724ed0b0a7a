package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.runtime.Clock;
import dev.avatarvideo.testsupport.CuttingProxy;
import dev.avatarvideo.testsupport.TestS3;
import java.net.URI;
import java.util.Optional;

/** Connects the adapter to a fresh bucket on a test server, as an S3-compatible deployment would configure it. */
final class S3Storages {

    private S3Storages() {
    }

    /** A fresh private bucket, with the defaults an S3-compatible endpoint gets: path style, checksums only when required. */
    static S3Settings settingsFor(TestS3.Server server) {
        return new S3Settings(server.freshBucket(), server.region(), Optional.of(server.endpoint()), true, Optional.empty(),
                S3Settings.Checksums.WHEN_REQUIRED, Optional.of(new S3Settings.Credentials(server.accessKey(), server.secretKey())),
                S3Settings.DEFAULT_PART_SIZE);
    }

    static S3Settings withChecksums(S3Settings settings, S3Settings.Checksums mode) {
        return new S3Settings(settings.bucket(), settings.region(), settings.endpoint(), settings.forcePathStyle(), settings.publicUrlBase(),
                mode, settings.credentials(), settings.partSize());
    }

    static S3Settings withPublicUrlBase(S3Settings settings, URI base) {
        return new S3Settings(settings.bucket(), settings.region(), settings.endpoint(), settings.forcePathStyle(), Optional.of(base),
                settings.checksums(), settings.credentials(), settings.partSize());
    }

    /** The same bucket, reached through a proxy in front of its server. */
    static S3Settings through(CuttingProxy proxy, S3Settings settings) {
        return new S3Settings(settings.bucket(), settings.region(), Optional.of(proxy.uri()), settings.forcePathStyle(), settings.publicUrlBase(),
                settings.checksums(), settings.credentials(), settings.partSize());
    }

    static S3FileStorage connect(TestS3.Server server, Clock clock) {
        return S3FileStorage.connect(settingsFor(server), clock);
    }
}
