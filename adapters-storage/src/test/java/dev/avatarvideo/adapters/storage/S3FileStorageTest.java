package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.contract.GeneratedContent;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.testsupport.CuttingProxy;
import dev.avatarvideo.testsupport.TestS3;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** What only the S3 adapter does, on S3Proxy: upload shapes, checksum modes, public addresses, start-up checks. */
class S3FileStorageTest {

    private static final TenantId TENANT = TenantId.of("s3");
    private static final long MIB = 1024 * 1024;

    private final TestS3.Server server = TestS3.s3Proxy();

    @Test
    void contentThatFitsOnePartGoesUpInOneRequestAndLargerContentInParts() throws Exception {
        S3Settings settings = S3Storages.settingsFor(server);
        try (S3FileStorage storage = S3FileStorage.connect(settings, new TestClock()); S3Client direct = server.client()) {
            StorageKey small = StorageKey.newFor(TENANT, "small.mp4");
            StorageKey exactlyOnePart = StorageKey.newFor(TENANT, "one-part.mp4");
            StorageKey large = StorageKey.newFor(TENANT, "large.mp4");

            storage.store(small, upload(1_000, OptionalLong.empty()));
            storage.store(exactlyOnePart, upload(settings.partSize(), OptionalLong.empty()));
            storage.store(large, upload(2L * settings.partSize() + 1, OptionalLong.empty()));

            assertThat(eTag(direct, settings, small)).doesNotContain("-");
            assertThat(eTag(direct, settings, exactlyOnePart)).doesNotContain("-");
            assertThat(eTag(direct, settings, large)).endsWith("-3\"");
        }
    }

    @Test
    void withChecksumsWhereverS3SupportsThemUploadsStillSucceed() throws Exception {
        S3Settings settings = S3Storages.withChecksums(S3Storages.settingsFor(server), S3Settings.Checksums.WHEN_SUPPORTED);
        try (S3FileStorage storage = S3FileStorage.connect(settings, new TestClock())) {
            for (long size : new long[] {3_000, 20 * MIB}) {
                StorageKey key = StorageKey.newFor(TENANT, "checked.mp4");

                StoredFile file = storage.store(key, upload(size, OptionalLong.of(size)));

                assertThat(file.checksum()).isEqualTo(GeneratedContent.sha256Of(size, size));
                try (StoredObject object = storage.open(key).orElseThrow()) {
                    assertThat(GeneratedContent.sha256Of(object.content())).isEqualTo(file.checksum());
                }
            }
        }
    }

    /**
     * R2 and Supabase refuse the checksum headers S3 only supports; in the default mode no upload request may carry
     * one, whether it goes up in one request or in parts. The other mode proves the check sees them.
     */
    @Test
    void withChecksumsOnlyWhereRequiredNoUploadRequestCarriesAChecksumHeader() throws Exception {
        for (S3Settings.Checksums mode : S3Settings.Checksums.values()) {
            try (CuttingProxy proxy = CuttingProxy.recording(server.endpoint());
                 S3FileStorage storage = S3FileStorage.connect(
                         S3Storages.through(proxy, S3Storages.withChecksums(S3Storages.settingsFor(server), mode)), new TestClock())) {
                storage.store(StorageKey.newFor(TENANT, "one.mp4"), upload(3_000, OptionalLong.of(3_000)));
                storage.store(StorageKey.newFor(TENANT, "parts.mp4"), upload(20 * MIB, OptionalLong.empty()));

                List<String> uploadHeads = proxy.requestHeads().stream().filter(head -> head.startsWith("PUT ") || head.startsWith("POST ")).toList();
                assertThat(uploadHeads).as("upload requests").hasSizeGreaterThanOrEqualTo(4);
                if (mode == S3Settings.Checksums.WHEN_REQUIRED) {
                    assertThat(uploadHeads).noneSatisfy(head -> assertThat(head.toLowerCase(Locale.ROOT)).containsAnyOf("x-amz-checksum-", "x-amz-sdk-checksum-"));
                } else {
                    assertThat(uploadHeads).anySatisfy(head -> assertThat(head.toLowerCase(Locale.ROOT)).containsAnyOf("x-amz-checksum-", "x-amz-sdk-checksum-"));
                }
            }
        }
    }

    @Test
    void objectsCarryTheirDownloadNameAndTypeSoPublicAddressesServeThemToo() throws Exception {
        S3Settings settings = S3Storages.withPublicUrlBase(S3Storages.settingsFor(server), URI.create("https://cdn.example.com/videos/"));
        try (S3FileStorage storage = S3FileStorage.connect(settings, new TestClock()); S3Client direct = server.client()) {
            StorageKey key = StorageKey.newFor(TENANT, "lesson.mp4");

            StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {1, 2}), OptionalLong.of(2), "Lesson 1.mp4", "video/mp4"));

            HeadObjectResponse head = direct.headObject(b -> b.bucket(settings.bucket()).key(key.value()));
            assertThat(head.contentType()).isEqualTo("video/mp4");
            assertThat(head.contentDisposition()).isEqualTo("inline; filename=\"Lesson 1.mp4\"; filename*=UTF-8''Lesson%201.mp4");
            assertThat(file.fileUrl()).isEqualTo(URI.create("https://cdn.example.com/videos/" + key.value()));
            assertThat(storage.accessUrl(key, new FileStorage.UrlOptions(Duration.ofSeconds(5), "x.mp4", "video/mp4")))
                    .isEqualTo(file.fileUrl());
        }
    }

    @Test
    void aTenantCleanUpAlsoAbortsItsUnfinishedUploads() {
        S3Settings settings = S3Storages.settingsFor(server);
        TenantId leaving = TenantId.of("leaving");
        try (S3FileStorage storage = S3FileStorage.connect(settings, new TestClock()); S3Client direct = server.client()) {
            direct.createMultipartUpload(b -> b.bucket(settings.bucket()).key(StorageKey.newFor(leaving, "x.mp4").value()));
            direct.createMultipartUpload(b -> b.bucket(settings.bucket()).key(StorageKey.newFor(TENANT, "y.mp4").value()));

            storage.deleteAll(leaving);

            assertThat(direct.listMultipartUploads(b -> b.bucket(settings.bucket())).uploads())
                    .singleElement().satisfies(upload -> assertThat(upload.key()).startsWith(TENANT.value() + "/"));
        }
    }

    @Test
    void aWrongSettingStopsTheStartWithAReasonAndNoSecret() throws Exception {
        S3Settings good = S3Storages.settingsFor(server);
        S3Settings missingBucket = new S3Settings("no-such-bucket", good.region(), good.endpoint(), true, Optional.empty(),
                good.checksums(), good.credentials(), good.partSize());
        S3Settings wrongSecret = new S3Settings(good.bucket(), good.region(), good.endpoint(), true, Optional.empty(),
                good.checksums(), Optional.of(new S3Settings.Credentials(server.accessKey(), "wrong-secret-123")), good.partSize());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings unreachable = new S3Settings(good.bucket(), good.region(), Optional.of(URI.create("http://127.0.0.1:" + closedPort)), true,
                Optional.empty(), good.checksums(), good.credentials(), good.partSize());

        assertThatThrownBy(() -> S3FileStorage.connect(missingBucket, new TestClock())).hasMessageContaining("no-such-bucket").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> S3FileStorage.connect(wrongSecret, new TestClock())).hasMessageContaining("denied").hasMessageNotContaining("wrong-secret-123");
        assertThatThrownBy(() -> S3FileStorage.connect(unreachable, new TestClock())).hasMessageContaining("cannot reach bucket " + good.bucket());
    }

    private static FileUpload upload(long size, OptionalLong announced) {
        return new FileUpload(new GeneratedContent(size, size), announced, "f.mp4", "video/mp4");
    }

    private static String eTag(S3Client direct, S3Settings settings, StorageKey key) {
        return direct.headObject(b -> b.bucket(settings.bucket()).key(key.value())).eTag();
    }
}
