package dev.avatarvideo.application.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A large, incompressible, reproducible stream made on the fly, so tests can move hundreds of megabytes without
 * holding them: the same size and seed always yield the same bytes.
 */
public final class GeneratedContent extends InputStream {

    private final long size;
    private long position;
    private long state;

    public GeneratedContent(long size, long seed) {
        this.size = size;
        this.state = seed * 0x9E3779B97F4A7C15L + 1;
    }

    /** The {@code sha256:<hex>} checksum of the content this size and seed produce, computed by streaming it. */
    public static String sha256Of(long size, long seed) {
        return sha256Of(new GeneratedContent(size, seed));
    }

    /** Reads the stream to its end and answers its {@code sha256:<hex>} checksum. */
    public static String sha256Of(InputStream content) {
        try (DigestInputStream in = new DigestInputStream(content, MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int count = (int) Math.min(length, size - position);
        for (int i = 0; i < count; i++) {
            if (((position + i) & 7) == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            buffer[offset + i] = (byte) (state >>> (((position + i) & 7) * 8));
        }
        position += count;
        return count;
    }
}
