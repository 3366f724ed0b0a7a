package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileStorage} provider must do, run against each of them with the same tests: the local
 * filesystem (served by our web adapter), S3-compatible servers (S3Proxy in-process, MinIO when Docker answers, any
 * server named by {@code TEST_S3_ENDPOINT}) and the in-memory fake, whose addresses alone are not HTTP.
 */
public abstract class FileStorageContract {

    protected static final TenantId TENANT = TenantId.of("contract");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private FileStorage storage;

    protected abstract FileStorage newStorage();

    /** The provider name this implementation records with every file. */
    protected abstract String expectedProvider();

    @BeforeEach
    void setUpStorage() {
        storage = newStorage();
    }

    @Test
    void storesAStreamOfKnownLengthWithFullMetadata() throws Exception {
        byte[] bytes = randomBytes(300_001, 1);
        StorageKey key = StorageKey.newFor(TENANT, "lesson.mp4");

        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), "Lesson 1.mp4", "video/mp4"));

        assertThat(file.storagePath()).isEqualTo(key);
        assertThat(file.fileSize()).isEqualTo(bytes.length);
        assertThat(file.checksum()).isEqualTo(sha256(bytes));
        assertThat(file.fileName()).isEqualTo("Lesson 1.mp4");
        assertThat(file.fileType()).isEqualTo("video/mp4");
        assertThat(file.provider()).isEqualTo(expectedProvider());
        assertThat(file.uploadedAt()).isNotNull();
        assertThat(file.fileUrl()).isNotNull();
        assertThat(storage.exists(key)).isTrue();
        try (StoredObject object = storage.open(key).orElseThrow()) {
            assertThat(object.length()).isEqualTo(bytes.length);
            assertThat(object.contentType()).isEqualTo("video/mp4");
            assertThat(object.content().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void storesAStreamOfUnknownLength() throws Exception {
        byte[] bytes = randomBytes(70_000, 2);
        StorageKey key = StorageKey.newFor(TENANT, "notes.pdf");

        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.empty(), "notes.pdf", "application/pdf"));

        assertThat(file.fileSize()).isEqualTo(bytes.length);
        assertThat(file.checksum()).isEqualTo(sha256(bytes));
        try (StoredObject object = storage.open(key).orElseThrow()) {
            assertThat(object.content().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void storesAnEmptyStream() {
        StorageKey key = StorageKey.newFor(TENANT, "empty.txt");

        StoredFile file = storage.store(key, new FileUpload(InputStream.nullInputStream(), OptionalLong.of(0), "empty.txt", "text/plain"));

        assertThat(file.fileSize()).isZero();
        assertThat(file.checksum()).isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void contentShorterThanAnnouncedLeavesNothingBehind() {
        byte[] bytes = randomBytes(10_000, 3);
        StorageKey key = StorageKey.newFor(TENANT, "truncated.mp4");

        assertThatThrownBy(() -> storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(20_000), "t.mp4", "video/mp4")))
                .isInstanceOf(FileStorage.StorageFailureException.class);

        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.open(key)).isEmpty();
    }

    @Test
    void contentLongerThanAnnouncedLeavesNothingBehind() {
        byte[] bytes = randomBytes(20_001, 4);
        StorageKey key = StorageKey.newFor(TENANT, "overlong.mp4");

        assertThatThrownBy(() -> storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(20_000), "o.mp4", "video/mp4")))
                .isInstanceOf(FileStorage.StorageFailureException.class);

        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.open(key)).isEmpty();
    }

    @Test
    void aSourceThatBreaksHalfwayLeavesNothingBehind() {
        StorageKey key = StorageKey.newFor(TENANT, "broken.mp4");
        InputStream breaking = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ >= 50_000) {
                    throw new IOException("connection reset by peer");
                }
                return served & 0xff;
            }
        };

        assertThatThrownBy(() -> storage.store(key, new FileUpload(breaking, OptionalLong.empty(), "b.mp4", "video/mp4")))
                .isInstanceOf(FileStorage.StorageFailureException.class);

        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void deletingRemovesTheObjectAndAMissingKeyCountsAsDeleted() {
        StorageKey key = StorageKey.newFor(TENANT, "gone.txt");
        storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {1, 2, 3}), OptionalLong.of(3), "gone.txt", "text/plain"));

        storage.delete(key);
        storage.delete(key);
        storage.delete(StorageKey.newFor(TENANT, "never-existed.txt"));

        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.open(key)).isEmpty();
    }

    @Test
    void issuesAnAccessUrlForAStoredFile() {
        StorageKey key = StorageKey.newFor(TENANT, "clip.mp4");
        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {9}), OptionalLong.of(1), "clip.mp4", "video/mp4"));

        assertThat(storage.accessUrl(file).toString()).contains(key.value());
    }

    @Test
    void storesAHundredMegabytesStreamedWithMatchingSizeAndChecksum() {
        long size = 100L * 1024 * 1024 + 12_345;
        String expected = GeneratedContent.sha256Of(size, 100);
        StorageKey key = StorageKey.newFor(TENANT, "big.mp4");

        StoredFile file = storage.store(key, new FileUpload(new GeneratedContent(size, 100), OptionalLong.empty(), "big.mp4", "video/mp4"));

        assertThat(file.fileSize()).isEqualTo(size);
        assertThat(file.checksum()).isEqualTo(expected);
        try (StoredObject object = storage.open(key).orElseThrow()) {
            assertThat(object.length()).isEqualTo(size);
            assertThat(GeneratedContent.sha256Of(object.content())).isEqualTo(expected);
        }
    }

    @Test
    void readsByteRangesWithoutTheBytesBeforeThem() throws Exception {
        byte[] bytes = randomBytes(1_000, 4);
        StorageKey key = StorageKey.newFor(TENANT, "seek.mp4");
        storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), "seek.mp4", "video/mp4"));

        assertRange(key, ByteRange.between(10, 19), bytes, 10, 19);
        assertRange(key, ByteRange.between(990, 5_000), bytes, 990, 999);
        assertRange(key, ByteRange.startingAt(500), bytes, 500, 999);
        assertRange(key, ByteRange.lastBytes(5), bytes, 995, 999);
        assertRange(key, ByteRange.lastBytes(5_000), bytes, 0, 999);
        assertRange(key, ByteRange.between(0, 0), bytes, 0, 0);
        try (StoredObject whole = storage.open(key, ByteRange.WHOLE).orElseThrow()) {
            assertThat(whole.part()).isEmpty();
            assertThat(whole.content().readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aRangeOutsideTheFileIsRefusedWithItsSize() {
        StorageKey key = StorageKey.newFor(TENANT, "short.mp4");
        storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[100]), OptionalLong.of(100), "short.mp4", "video/mp4"));

        assertThatThrownBy(() -> storage.open(key, ByteRange.startingAt(100)))
                .isInstanceOfSatisfying(FileStorage.RangeNotSatisfiableException.class, e -> assertThat(e.size()).isEqualTo(100));
        assertThatThrownBy(() -> storage.open(key, ByteRange.between(5_000, 6_000)))
                .isInstanceOf(FileStorage.RangeNotSatisfiableException.class);
        assertThat(storage.open(StorageKey.newFor(TENANT, "missing.mp4"), ByteRange.between(0, 9))).isEmpty();
    }

    @Test
    void deletesEverythingOfOneTenantAndNothingOfAnother() {
        TenantId leaving = TenantId.of("leaving-" + System.nanoTime());
        TenantId staying = TenantId.of("staying-" + System.nanoTime());
        StorageKey first = storeSmall(leaving, "a.mp4");
        StorageKey second = storeSmall(leaving, "b.pdf");
        StorageKey kept = storeSmall(staying, "c.mp4");

        assertThat(storage.deleteAll(leaving)).isEqualTo(2);

        assertThat(storage.exists(first)).isFalse();
        assertThat(storage.exists(second)).isFalse();
        assertThat(storage.exists(kept)).isTrue();
        assertThat(storage.deleteAll(leaving)).isZero();
        assertThat(storage.deleteAll(TenantId.of("never-stored-" + System.nanoTime()))).isZero();
    }

    // Addresses, fetched over real HTTP as a browser would fetch them.

    @Test
    void anAccessUrlServesTheBytesUnderTheRequestedNameAndType() throws Exception {
        assumeServesUrls();
        byte[] bytes = randomBytes(5_000, 5);
        StorageKey key = StorageKey.newFor(TENANT, "clip.mp4");
        storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), "clip.mp4", "video/mp4"));

        URI url = storage.accessUrl(key, new FileStorage.UrlOptions(Duration.ofMinutes(5), "Lektion 1 – Grüße.mp4", "video/mp4"));
        HttpResponse<byte[]> response = fetch(url, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("video/mp4"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition -> assertThat(disposition)
                .contains("filename=\"Lektion 1 _ Gr__e.mp4\"")
                .contains("filename*=UTF-8''Lektion%201%20%E2%80%93%20Gr%C3%BC%C3%9Fe.mp4"));
    }

    @Test
    void anAccessUrlAnswersRangeRequestsWith206SoAPlayerCanSeek() throws Exception {
        assumeServesUrls();
        byte[] bytes = randomBytes(10_000, 6);
        StorageKey key = StorageKey.newFor(TENANT, "seek.mp4");
        StoredFile file = storage.store(key, new FileUpload(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), "seek.mp4", "video/mp4"));
        URI url = storage.accessUrl(file);

        HttpResponse<byte[]> firstProbe = fetch(url, "bytes=0-");
        HttpResponse<byte[]> middle = fetch(url, "bytes=100-199");
        HttpResponse<byte[]> tail = fetch(url, "bytes=-10");

        assertThat(firstProbe.statusCode()).isEqualTo(206);
        assertThat(firstProbe.headers().firstValue("Content-Range")).contains("bytes 0-9999/10000");
        assertThat(firstProbe.body()).isEqualTo(bytes);
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 100-199/10000");
        assertThat(middle.headers().firstValue("Content-Length")).contains("100");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(bytes, 9_990, 10_000));
    }

    @Test
    void anExpiredAccessUrlIsRefused() throws Exception {
        assumeServesUrls();
        StorageKey key = storeSmall(TENANT, "brief.mp4");
        URI url = storage.accessUrl(key, new FileStorage.UrlOptions(Duration.ofSeconds(1), "brief.mp4", "video/mp4"));

        Thread.sleep(2_500);

        HttpResponse<byte[]> response = fetch(url, null);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isBetween(400, 499);
        assertThat(response.body()).isNotEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void aTamperedAccessUrlIsRefused() throws Exception {
        assumeServesUrls();
        StorageKey key = storeSmall(TENANT, "mine.mp4");
        StorageKey other = storeSmall(TENANT, "other.mp4");
        URI url = storage.accessUrl(key, new FileStorage.UrlOptions(Duration.ofMinutes(5), "mine.mp4", "video/mp4"));
        String text = url.toString();
        char last = text.charAt(text.length() - 1);

        URI signatureChanged = URI.create(text.substring(0, text.length() - 1) + (last == 'a' ? 'b' : 'a'));
        URI movedToAnotherFile = URI.create(text.replace(key.value(), other.value()));
        URI typeChanged = URI.create(text.replace("video%2Fmp4", "text%2Fhtml"));

        assertThat(fetch(url, null).statusCode()).isEqualTo(200);
        assertThat(fetch(signatureChanged, null).statusCode()).isBetween(400, 499);
        assertThat(fetch(movedToAnotherFile, null).statusCode()).isBetween(400, 499);
        assertThat(typeChanged).isNotEqualTo(url);
        assertThat(fetch(typeChanged, null).statusCode()).isBetween(400, 499);
    }

    /** Whether this provider's addresses are reachable over HTTP; only the in-memory fake's are not. */
    protected boolean servesUrlsOverHttp() {
        return true;
    }

    protected HttpResponse<byte[]> fetch(URI url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void assumeServesUrls() {
        Assumptions.assumeTrue(servesUrlsOverHttp(), "this provider's addresses are not served over HTTP");
    }

    private void assertRange(StorageKey key, ByteRange range, byte[] bytes, int first, int last) throws IOException {
        try (StoredObject part = storage.open(key, range).orElseThrow()) {
            assertThat(part.length()).as("size of the whole file").isEqualTo(bytes.length);
            assertThat(part.part()).as("part for %s", range).contains(new ByteRange.Span(first, last));
            assertThat(part.contentLength()).isEqualTo(last - first + 1);
            assertThat(part.content().readAllBytes()).as("bytes for %s", range).isEqualTo(Arrays.copyOfRange(bytes, first, last + 1));
        }
    }

    private StorageKey storeSmall(TenantId tenant, String name) {
        StorageKey key = StorageKey.newFor(tenant, name);
        storage.store(key, new FileUpload(new ByteArrayInputStream(new byte[] {1, 2, 3}), OptionalLong.of(3), name, "video/mp4"));
        return key;
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
