package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.fakes.FakeFileAccessSigner;
import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.in.video.ReadStoredFile;
import dev.avatarvideo.application.port.in.video.ReadStoredFileQuery;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.FileAccess;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StoredFileReaderTest {

    private final TestClock clock = new TestClock();
    private final InMemoryFileStorage storage = new InMemoryFileStorage(clock);
    private final FakeFileAccessSigner signer = new FakeFileAccessSigner();
    private final StoredFileReader reader = new StoredFileReader(storage, signer, clock);
    private final StorageKey key = StorageKey.newFor(TenantId.of("acme"), "clip.mp4");
    private final FileAccess access = new FileAccess(key, clock.now().plus(Duration.ofMinutes(10)), "clip.mp4", "video/mp4");

    StoredFileReaderTest() {
        storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), OptionalLong.of(10), "clip.mp4", "video/mp4"));
    }

    @Test
    void aValidAddressServesTheRequestedBytesUnderItsNameAndType() throws Exception {
        ReadStoredFile.Outcome outcome = reader.read(new ReadStoredFileQuery(access, signer.sign(access), ByteRange.between(2, 4)));

        assertThat(outcome).isInstanceOfSatisfying(ReadStoredFile.Found.class, found -> {
            assertThat(found.downloadName()).isEqualTo("clip.mp4");
            assertThat(found.contentType()).isEqualTo("video/mp4");
            assertThat(found.object().part()).contains(new ByteRange.Span(2, 4));
        });
        try (var object = ((ReadStoredFile.Found) outcome).object()) {
            assertThat(object.content().readAllBytes()).containsExactly(2, 3, 4);
        }
    }

    @Test
    void anAddressPastItsExpiryIsExpired() {
        String signature = signer.sign(access);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThat(reader.read(new ReadStoredFileQuery(access, signature, ByteRange.WHOLE))).isInstanceOf(ReadStoredFile.Expired.class);
    }

    @Test
    void anAlteredAddressIsRefusedBeforeAnythingIsRevealed() {
        String signature = signer.sign(access);
        FileAccess longer = new FileAccess(key, access.expiresAt().plus(Duration.ofDays(1)), "clip.mp4", "video/mp4");
        FileAccess retyped = new FileAccess(key, access.expiresAt(), "clip.mp4", "text/html");
        FileAccess elsewhere = new FileAccess(StorageKey.newFor(TenantId.of("acme"), "x.mp4"), access.expiresAt(), "clip.mp4", "video/mp4");
        clock.advance(Duration.ofDays(30));

        assertThat(reader.read(new ReadStoredFileQuery(longer, signature, ByteRange.WHOLE))).isInstanceOf(ReadStoredFile.BadSignature.class);
        assertThat(reader.read(new ReadStoredFileQuery(retyped, signature, ByteRange.WHOLE))).isInstanceOf(ReadStoredFile.BadSignature.class);
        assertThat(reader.read(new ReadStoredFileQuery(elsewhere, signature, ByteRange.WHOLE))).isInstanceOf(ReadStoredFile.BadSignature.class);
    }

    @Test
    void aDeletedFileIsNotFoundAndARangeOutsideItIsNamedWithItsSize() {
        assertThat(reader.read(new ReadStoredFileQuery(access, signer.sign(access), ByteRange.startingAt(10))))
                .isEqualTo(new ReadStoredFile.RangeNotSatisfiable(10));

        storage.delete(key);

        assertThat(reader.read(new ReadStoredFileQuery(access, signer.sign(access), ByteRange.WHOLE))).isInstanceOf(ReadStoredFile.NotFound.class);
    }
}
