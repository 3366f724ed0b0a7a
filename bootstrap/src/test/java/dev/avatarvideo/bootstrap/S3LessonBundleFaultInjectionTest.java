package dev.avatarvideo.bootstrap;

import dev.avatarvideo.adapters.storage.S3FileStorage;
import dev.avatarvideo.adapters.storage.S3Settings;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.testsupport.TestS3;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.s3.S3Client;

/** The lesson-bundle fault injection on the S3 provider, against S3Proxy. */
class S3LessonBundleFaultInjectionTest extends LessonBundleFaultInjectionContract {

    private S3FileStorage storage;

    @Override
    protected SaveTopicFaultInjectionContract.StorageUnderTest newStorage(Path directory) {
        TestS3.Server server = TestS3.server();
        String bucket = server.freshBucket();
        storage = S3FileStorage.connect(new S3Settings(bucket, server.region(), Optional.of(server.endpoint()), true, Optional.empty(),
                S3Settings.Checksums.WHEN_REQUIRED, Optional.of(new S3Settings.Credentials(server.accessKey(), server.secretKey())),
                S3Settings.DEFAULT_PART_SIZE), Instant::now);
        return new SaveTopicFaultInjectionContract.StorageUnderTest() {
            @Override
            public FileStorage storage() {
                return storage;
            }

            @Override
            public Set<StorageKey> keys() {
                try (S3Client client = server.client()) {
                    return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                            .map(object -> new StorageKey(object.key())).collect(Collectors.toSet());
                }
            }
        };
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }
}
