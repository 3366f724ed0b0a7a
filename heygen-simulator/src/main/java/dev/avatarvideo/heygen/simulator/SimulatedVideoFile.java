package dev.avatarvideo.heygen.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The file every completed render serves: a small real H.264/AAC MP4, optionally padded to a larger size with a trailing
 * MP4 {@code free} box (which players skip, so the file still plays) and sent at a bounded rate. The padding is
 * generated as it is read: a gigabyte costs no memory.
 */
final class SimulatedVideoFile {

    /** The smallest padding that fits a box header with a 64-bit size, whatever the padding's length. */
    private static final int LARGEST_HEADER = 16;

    private final byte[] mp4;
    private final byte[] paddingHeader;
    private final long length;
    private final long bytesPerSecond;

    SimulatedVideoFile(byte[] mp4, long requestedLength, long bytesPerSecond) {
        this.mp4 = mp4;
        this.bytesPerSecond = bytesPerSecond;
        if (requestedLength == 0 || requestedLength == mp4.length) {
            this.length = mp4.length;
            this.paddingHeader = new byte[0];
            return;
        }
        if (requestedLength < mp4.length + LARGEST_HEADER) {
            throw new IllegalArgumentException("videoBytes must be 0 or at least " + (mp4.length + LARGEST_HEADER)
                    + " (the real MP4 is " + mp4.length + " bytes; the padding box needs 16 more)");
        }
        this.length = requestedLength;
        long boxSize = requestedLength - mp4.length;
        this.paddingHeader = boxSize <= 0xFFFF_FFFFL
                ? ByteBuffer.allocate(8).putInt((int) boxSize).put("free".getBytes(StandardCharsets.US_ASCII)).array()
                : ByteBuffer.allocate(16).putInt(1).put("free".getBytes(StandardCharsets.US_ASCII)).putLong(boxSize).array();
    }

    long length() {
        return length;
    }

    /** The file's first {@code limit} bytes (all of it for {@link #length()}), at the configured rate. */
    InputStream open(long limit) {
        return new Content(Math.min(limit, length));
    }

    private final class Content extends InputStream {

        private final long end;
        private final long started = System.nanoTime();
        private long position;

        Content(long end) {
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
                long at = position + written;
                int n;
                if (at < mp4.length) {
                    n = (int) Math.min(count - written, mp4.length - at);
                    System.arraycopy(mp4, (int) at, buffer, offset + written, n);
                } else if (at - mp4.length < paddingHeader.length) {
                    int inHeader = (int) (at - mp4.length);
                    n = Math.min(count - written, paddingHeader.length - inHeader);
                    System.arraycopy(paddingHeader, inHeader, buffer, offset + written, n);
                } else {
                    n = count - written;
                    Arrays.fill(buffer, offset + written, offset + count, (byte) 0);
                }
                written += n;
            }
            position += count;
            throttle();
            return count;
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
    }
}
