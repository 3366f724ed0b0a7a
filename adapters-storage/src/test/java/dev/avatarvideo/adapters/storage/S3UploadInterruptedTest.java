package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.GeneratedContent;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.testsupport.CuttingProxy;
import dev.avatarvideo.testsupport.TestS3;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Acceptance 3: the storage server closes the connection in the middle of an upload. Nothing may stay behind: no
 * object, and no unfinished multipart upload holding parts, as the S3 API itself lists them.
 */
class S3UploadInterruptedTest {

    private static final TenantId TENANT = TenantId.of("interrupted");
    private static final long MIB = 1024 * 1024;

    private final TestS3.Server server = TestS3.s3Proxy();

    @Test
    void aMultipartUploadCutHalfwayLeavesNoObjectAndNoUnfinishedUpload() throws Exception {
        S3Settings settings = S3Storages.settingsFor(server);
        try (CuttingProxy proxy = CuttingProxy.breakingDownAfter(server.endpoint(), 20 * MIB, 64 * 1024);
             S3FileStorage storage = S3FileStorage.connect(S3Storages.through(proxy, settings), new TestClock());
             S3Client direct = server.client()) {
            StorageKey key = StorageKey.newFor(TENANT, "cut.mp4");

            assertThatThrownBy(() -> storage.store(key, new FileUpload(new GeneratedContent(40 * MIB, 7), OptionalLong.empty(), "cut.mp4", "video/mp4")))
                    .isInstanceOf(FileStorage.StorageFailureException.class);

            assertThat(proxy.cuts()).as("connections the proxy cut").isPositive();
            assertLeftEmpty(direct, settings.bucket());
            assertThat(storage.exists(key)).isFalse();
        }
    }

    @Test
    void aSingleRequestUploadCutHalfwayLeavesNoObject() throws Exception {
        S3Settings settings = S3Storages.settingsFor(server);
        try (CuttingProxy proxy = CuttingProxy.breakingDownAfter(server.endpoint(), 2 * MIB, 64 * 1024);
             S3FileStorage storage = S3FileStorage.connect(S3Storages.through(proxy, settings), new TestClock());
             S3Client direct = server.client()) {
            StorageKey key = StorageKey.newFor(TENANT, "small.mp4");

            assertThatThrownBy(() -> storage.store(key, new FileUpload(new GeneratedContent(5 * MIB, 8), OptionalLong.of(5 * MIB), "small.mp4", "video/mp4")))
                    .isInstanceOf(FileStorage.StorageFailureException.class);

            assertLeftEmpty(direct, settings.bucket());
        }
    }

    /**
     * A process killed in the middle of a multipart upload cannot abort it: its parts stay, invisible but billed. The
     * ledger names the key before the upload begins, and deleting the key (what the sweeper does once the upload is
     * overdue) aborts the upload; another key's upload in progress is left alone.
     */
    @Test
    void deletingTheKeyOfAnUploadLeftUnfinishedByACrashAbortsItAndOnlyIt() throws Exception {
        S3Settings settings = S3Storages.settingsFor(server);
        try (S3FileStorage storage = S3FileStorage.connect(settings, new TestClock()); S3Client direct = server.client()) {
            StorageKey crashed = StorageKey.newFor(TENANT, "crashed.mp4");
            StorageKey stillRunning = StorageKey.newFor(TENANT, "running.mp4");
            for (StorageKey key : java.util.List.of(crashed, stillRunning)) {
                String uploadId = direct.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key.value())).uploadId();
                direct.uploadPart(b -> b.bucket(settings.bucket()).key(key.value()).uploadId(uploadId).partNumber(1),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[(int) (5 * MIB)]));
            }

            storage.delete(crashed);

            assertThat(direct.listMultipartUploads(b -> b.bucket(settings.bucket())).uploads())
                    .extracting(software.amazon.awssdk.services.s3.model.MultipartUpload::key).containsExactly(stillRunning.value());
            storage.delete(stillRunning);
            assertLeftEmpty(direct, settings.bucket());
        }
    }

    /**
     * The server notices the cut connection on its own thread, after our client has already given up; until then
     * S3Proxy's file-backed store lists its half-written temporary file. What must hold is that nothing stays: a real
     * leftover object or unfinished upload is still there when the wait ends, and fails the test.
     */
    private static void assertLeftEmpty(S3Client direct, String bucket) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)
                && !(direct.listObjectsV2(b -> b.bucket(bucket)).contents().isEmpty()
                && direct.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty())) {
            Thread.sleep(100);
        }
        assertThat(direct.listMultipartUploads(b -> b.bucket(bucket)).uploads()).as("unfinished multipart uploads").isEmpty();
        assertThat(direct.listObjectsV2(b -> b.bucket(bucket)).contents()).as("objects").isEmpty();
    }
}
