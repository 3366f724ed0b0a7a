package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.contract.GeneratedContent;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.testsupport.TestS3;
import java.io.InputStream;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Acceptance 2: a 1 GiB upload through the S3 adapter in a JVM whose heap is capped at 128 MiB (S3Proxy runs in the
 * same JVM, so both share it). Its own surefire execution starts that JVM; see the {@code large-upload} execution in
 * this module's pom, or run it alone: {@code ./mvnw -pl adapters-storage -am verify -Dtest=S3LargeUploadTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (the default execution excludes it).
 */
@Tag("large-upload")
class S3LargeUploadTest {

    private static final Logger LOG = LoggerFactory.getLogger(S3LargeUploadTest.class);
    private static final long SIZE = 1024L * 1024 * 1024;
    private static final long HEAP_LIMIT = 128L * 1024 * 1024;

    @Test
    void aGigabyteOfUnknownLengthStreamsIntoTheBucketWithinA128MebibyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test proves nothing unless the JVM runs with -Xmx128m").isLessThanOrEqualTo(HEAP_LIMIT);
        TestS3.Server server = TestS3.s3Proxy();
        S3Settings settings = S3Storages.settingsFor(server);
        StorageKey key = StorageKey.newFor(TenantId.of("large"), "lecture.mp4");
        long started = System.nanoTime();

        StoredFile stored;
        try (S3FileStorage storage = S3FileStorage.connect(settings, new TestClock())) {
            stored = storage.store(key, new FileUpload(new GeneratedContent(SIZE, 1), OptionalLong.empty(), "lecture.mp4", "video/mp4"));
        }
        long uploadedMillis = (System.nanoTime() - started) / 1_000_000;

        String expected = GeneratedContent.sha256Of(SIZE, 1);
        assertThat(stored.fileSize()).isEqualTo(SIZE);
        assertThat(stored.checksum()).isEqualTo(expected);
        try (S3Client direct = server.client();
             InputStream object = direct.getObject(b -> b.bucket(settings.bucket()).key(key.value()))) {
            assertThat(direct.headObject(b -> b.bucket(settings.bucket()).key(key.value())).contentLength()).isEqualTo(SIZE);
            assertThat(GeneratedContent.sha256Of(object)).as("sha256 of the object as the bucket serves it").isEqualTo(expected);
        }
        LOG.info("1 GiB uploaded in {} ms with max heap {} MiB", uploadedMillis, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
