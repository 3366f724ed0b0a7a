package dev.avatarvideo.heygen.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One download of a render's MP4, read from disk as it is sent, optionally padded to a larger size with a trailing MP4
 * {@code free} box (which players skip, so the file still plays) and sent at a bounded rate. The padding is generated as
 * it is read: a gigabyte costs no memory.
 */
final class SimulatedVideoFile {

    /** The smallest {@code free} box: a header with a 32-bit size and nothing in it. */
    private static final int SMALLEST_PADDING = 8;

    private final Path mp4;
    private final long mp4Length;
    private final byte[] paddingHeader;
    private final long length;
    private final long bytesPerSecond;

    /**
     * @param requestedLength 0 for the MP4 as it is; else the size to pad it to, which an MP4 already that large (or too
     *                        close to it for a box header) is served without
     */
    SimulatedVideoFile(Path mp4, long mp4Length, long requestedLength, long bytesPerSecond) {
        this.mp4 = mp4;
        this.mp4Length = mp4Length;
        this.bytesPerSecond = bytesPerSecond;
        long boxSize = requestedLength - mp4Length;
        if (boxSize < SMALLEST_PADDING) {
            this.length = mp4Length;
            this.paddingHeader = new byte[0];
            return;
        }
        this.length = requestedLength;
        this.paddingHeader = boxSize <= 0xFFFF_FFFFL
                ? ByteBuffer.allocate(8).putInt((int) boxSize).put("free".getBytes(StandardCharsets.US_ASCII)).array()
                : ByteBuffer.allocate(16).putInt(1).put("free".getBytes(StandardCharsets.US_ASCII)).putLong(boxSize).array();
    }

    long length() {
        return length;
    }

    /** The file's first {@code limit} bytes (all of it for {@link #length()}), at the configured rate. */
    InputStream open(long limit) throws IOException {
        return new Content(FileChannel.open(mp4, StandardOpenOption.READ), Math.min(limit, length));
    }

    private final class Content extends InputStream {

        private final FileChannel file;
        private final long end;
        private final long started = System.nanoTime();
        private long position;

        Content(FileChannel file, long end) {
            this.file = file;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int wanted) throws IOException {
            if (position >= end) {
                return -1;
            }
            int count = (int) Math.min(Math.min(wanted, 64 * 1024), end - position);
            int written = 0;
            while (written < count) {
                written += fill(buffer, offset + written, count - written, position + written);
            }
            position += count;
            throttle();
            return count;
        }

        /** Copies what lies at {@code at} (MP4, padding header or padding) into the buffer; answers how much. */
        private int fill(byte[] buffer, int offset, int room, long at) throws IOException {
            if (at < mp4Length) {
                int n = file.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(room, mp4Length - at)), at);
                if (n < 0) {
                    throw new IOException("the simulated video " + mp4.getFileName() + " ended before its " + mp4Length + " bytes");
                }
                return n;
            }
            if (at - mp4Length < paddingHeader.length) {
                int inHeader = (int) (at - mp4Length);
                int n = Math.min(room, paddingHeader.length - inHeader);
                System.arraycopy(paddingHeader, inHeader, buffer, offset, n);
                return n;
            }
            Arrays.fill(buffer, offset, offset + room, (byte) 0);
            return room;
        }

        /** Waits until sending what was sent so far took as long as the rate allows. */
        private void throttle() throws IOException {
            if (bytesPerSecond == 0) {
                return;
            }
            long due = started + TimeUnit.SECONDS.toNanos(1) * position / bytesPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while sending the simulated video", e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
