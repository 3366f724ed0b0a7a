package dev.avatarvideo.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.FakeFileAccessSigner;
import dev.avatarvideo.application.fakes.InMemoryFileStorage;
import dev.avatarvideo.application.fakes.TestClock;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.FileUpload;
import dev.avatarvideo.application.port.out.storage.MediaFactsReader.UnreadableMediaException;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.testsupport.Ffmpeg;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are no readable MP4 are refused with a reason, after reading no more than their box headers say to. */
class Mp4MediaFactsReaderRefusalTest {

    private static final TenantId TENANT = TenantId.of("media");
    private static final byte[] FTYP = box("ftyp", "isom\0\0\2\0isomiso2avc1mp41".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path work;

    private final FileStorage memory = new InMemoryFileStorage(new TestClock());

    @Test
    void textIsNotAnMp4() {
        assertRefused(memory, stored(memory, "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n".getBytes(StandardCharsets.UTF_8)), "not an MP4");
    }

    @Test
    void anEmptyFileIsNotAnMp4() {
        assertRefused(memory, stored(memory, new byte[0]), "empty");
    }

    @Test
    void aFileCutShortBeforeItsMoovSaysSo() {
        byte[] mdatPromisingMore = header("mdat", 1_000_000);
        assertRefused(memory, stored(memory, concat(FTYP, mdatPromisingMore, new byte[500])), "cut short");
    }

    @Test
    void aFileWithoutAMoovSaysSo() {
        assertRefused(memory, stored(memory, concat(FTYP, box("mdat", new byte[100]), box("free", new byte[8]))), "no moov");
    }

    @Test
    void aDamagedMoovIsRefusedNotThrownAsAnything() {
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 0xFF);
        assertRefused(memory, stored(memory, concat(FTYP, box("moov", garbage))), "damaged");
    }

    @Test
    void aMoovWithoutTracksHasNoVideo() {
        byte[] mvhd = new byte[100];
        ByteBuffer.wrap(mvhd).putInt(0).putInt(0).putInt(0).putInt(1000).putInt(5000);
        assertRefused(memory, stored(memory, concat(FTYP, box("moov", box("mvhd", mvhd)))), "no video track");
    }

    @Test
    void thousandsOfTinyBoxesAreNotWalkedOneRequestAtATime() {
        byte[] tiny = new byte[8 * (Mp4MediaFactsReader.MOST_TOP_LEVEL_BOXES + 1)];
        ByteBuffer boxes = ByteBuffer.wrap(tiny);
        while (boxes.hasRemaining()) {
            boxes.putInt(8).put("free".getBytes(StandardCharsets.US_ASCII));
        }
        assertRefused(memory, stored(memory, concat(FTYP, tiny)), "top-level boxes");
    }

    @Test
    void aMoovLargerThanAnyRealOneIsRefusedWithoutFetchingIt() throws IOException {
        ReadCountingStorage disk = new ReadCountingStorage(new FileSystemFileStorage(work, URI.create("http://localhost:8080/"),
                new FakeFileAccessSigner(), new TestClock()));
        long moovSize = Mp4MediaFactsReader.LARGEST_MOVIE_BOX + 1;
        InputStream content = new SequenceInputStream(new ByteArrayInputStream(concat(FTYP, header("moov", moovSize))), zeros(moovSize - 8));
        StorageKey key = StorageKey.newFor(TENANT, "huge.mp4");
        disk.store(key, new FileUpload(content, OptionalLong.of(FTYP.length + moovSize), "huge.mp4", "video/mp4"));
        disk.reset();

        assertRefused(disk, key, "more than");
        assertThat(disk.bytesFetched()).isLessThanOrEqualTo(Mp4MediaFactsReader.FIRST_READ_BYTES);
    }

    @Test
    void aFragmentedMp4IsRefusedSayingSo() {
        assumeFfmpeg();
        Path fragmented = work.resolve("fragmented.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc2=s=160x120:r=25", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast",
                "-movflags", "frag_keyframe+empty_moov", fragmented.toString());
        assertRefused(memory, stored(memory, read(fragmented)), "fragmented");
    }

    @Test
    void soundWithoutPictureHasNoVideoTrack() {
        assumeFfmpeg();
        Path sound = work.resolve("sound.m4a");
        Ffmpeg.run("-f", "lavfi", "-i", "sine=f=440:r=48000", "-t", "1", "-c:a", "aac", sound.toString());
        assertRefused(memory, stored(memory, read(sound)), "no video track");
    }

    private static void assertRefused(FileStorage storage, StorageKey key, String reason) {
        assertThatThrownBy(() -> new Mp4MediaFactsReader(storage).read(key))
                .isInstanceOf(UnreadableMediaException.class).hasMessageContaining(key.toString()).hasMessageContaining(reason);
    }

    private static StorageKey stored(FileStorage storage, byte[] content) {
        StorageKey key = StorageKey.newFor(TENANT, "file.mp4");
        storage.store(key, new FileUpload(new ByteArrayInputStream(content), OptionalLong.of(content.length), "file.mp4", "video/mp4"));
        return key;
    }

    private static byte[] box(String type, byte[] content) {
        return concat(header(type, 8 + content.length), content);
    }

    private static byte[] header(String type, long size) {
        return ByteBuffer.allocate(8).putInt((int) size).put(type.getBytes(StandardCharsets.US_ASCII)).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream zeros(long count) {
        return new InputStream() {
            private long left = count;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    private static void assumeFfmpeg() {
        Assumptions.assumeTrue(Ffmpeg.installed(), Ffmpeg.MISSING);
    }
}
