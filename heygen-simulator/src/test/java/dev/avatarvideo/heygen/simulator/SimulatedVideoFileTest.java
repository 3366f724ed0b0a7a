package dev.avatarvideo.heygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large simulated video is the render's MP4 with a free box after it: players skip the box, so it still plays. */
class SimulatedVideoFileTest {

    private static final byte[] MP4 = "....ftypisom....moov....mdat-the-real-video".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;
    private Path mp4;

    @BeforeEach
    void writeMp4() throws Exception {
        mp4 = Files.write(directory.resolve("render.mp4"), MP4);
    }

    @Test
    void withoutPaddingTheRendersFileIsServedAsItIs() throws Exception {
        SimulatedVideoFile file = new SimulatedVideoFile(mp4, MP4.length, 0, 0);

        assertThat(file.length()).isEqualTo(MP4.length);
        assertThat(readAll(file.open(file.length()))).isEqualTo(MP4);
    }

    @Test
    void paddingAppendsOneFreeBoxThatFillsTheFileToTheRequestedSize() throws Exception {
        long size = 3L * 1024 * 1024 + 17;
        SimulatedVideoFile file = new SimulatedVideoFile(mp4, MP4.length, size, 0);

        byte[] served = readAll(file.open(file.length()));

        assertThat(served).hasSize((int) size);
        assertThat(Arrays.copyOfRange(served, 0, MP4.length)).isEqualTo(MP4);
        ByteBuffer box = ByteBuffer.wrap(served, MP4.length, 8);
        assertThat(box.getInt()).isEqualTo((int) (size - MP4.length));
        assertThat(new String(served, MP4.length + 4, 4, StandardCharsets.US_ASCII)).isEqualTo("free");
        assertThat(Arrays.copyOfRange(served, MP4.length + 8, served.length)).containsOnly(0);
    }

    @Test
    void paddingBeyondFourGigabytesUsesTheBoxHeaderWithA64BitSize() throws Exception {
        long size = 5L * 1024 * 1024 * 1024;
        SimulatedVideoFile file = new SimulatedVideoFile(mp4, MP4.length, size, 0);

        byte[] head = readAll(file.open(MP4.length + 16));

        ByteBuffer box = ByteBuffer.wrap(head, MP4.length, 16);
        assertThat(box.getInt()).as("size 1: the real size follows as 64 bits").isEqualTo(1);
        box.getInt();
        assertThat(box.getLong()).isEqualTo(size - MP4.length);
        assertThat(file.length()).isEqualTo(size);
    }

    @Test
    void aStreamCutShortEndsWhereItWasCut() throws Exception {
        SimulatedVideoFile file = new SimulatedVideoFile(mp4, MP4.length, 1_000_000, 0);

        assertThat(readAll(file.open(file.length() / 2))).hasSize(500_000);
    }

    @Test
    void aSizeWithNoRoomForAPaddingBoxServesTheMp4AsItIs() throws Exception {
        SimulatedVideoFile file = new SimulatedVideoFile(mp4, MP4.length, MP4.length + 7, 0);

        assertThat(file.length()).isEqualTo(MP4.length);
        assertThat(readAll(file.open(file.length()))).isEqualTo(MP4);
    }

    private static byte[] readAll(InputStream in) throws Exception {
        try (in) {
            return in.readAllBytes();
        }
    }
}
