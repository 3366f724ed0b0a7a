package dev.avatarvideo.adapters.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Counts what passes and fails the read that shows the content differs from its announced length: a read past the end
 * of a shorter stream, or the read that delivers the last announced byte when more follow. Failing there, before the
 * uploader has the last byte, means no upload of the wrong length can complete.
 */
final class AnnouncedLengthInputStream extends FilterInputStream {

    private final OptionalLong announced;
    private long seen;
    private boolean endConfirmed;

    AnnouncedLengthInputStream(InputStream in, OptionalLong announced) {
        super(in);
        this.announced = announced;
    }

    long seen() {
        return seen;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (endConfirmed) {
            return -1;
        }
        int read = super.read(buffer, offset, length);
        if (read < 0) {
            if (announced.isPresent() && seen != announced.getAsLong()) {
                throw new ContentLengthMismatch("content ended after " + seen + " of " + announced.getAsLong() + " announced bytes");
            }
            return -1;
        }
        seen += read;
        if (announced.isPresent() && seen >= announced.getAsLong()) {
            if (seen > announced.getAsLong() || super.read() >= 0) {
                throw new ContentLengthMismatch("the content is longer than the announced " + announced.getAsLong() + " bytes");
            }
            endConfirmed = true;
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would leave bytes out of the checksum");
    }

    /** The content was not what the upload announced; nothing of it may be stored. */
    static final class ContentLengthMismatch extends IOException {
        ContentLengthMismatch(String message) {
            super(message);
        }
    }
}
