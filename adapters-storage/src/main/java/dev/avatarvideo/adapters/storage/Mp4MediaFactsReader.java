package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.application.port.out.storage.FileStorage.RangeNotSatisfiableException;
import dev.avatarvideo.application.port.out.storage.MediaFactsReader;
import dev.avatarvideo.domain.ByteRange;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the facts of a stored MP4 from its {@code moov} box with ranged reads of any {@link FileStorage}: one read of the
 * file's start, which for a "faststart" file already holds the whole {@code moov}; otherwise one small read per
 * top-level box header to step over {@code mdat} and one read of the {@code moov} box itself, wherever it sits. The
 * {@code moov} is then parsed with mp4parser's isoparser ({@link MovieBoxFacts}). A 50 MiB file whose {@code moov} comes
 * last costs three reads and a few dozen kilobytes, not 50 MiB.
 */
public final class Mp4MediaFactsReader implements MediaFactsReader {

    /** The first read: room for {@code ftyp} and the {@code moov} of a faststart file of several minutes. */
    static final int FIRST_READ_BYTES = 64 * 1024;
    /** A larger {@code moov} is refused unread: ten hours of 60 fps video with sound index in well under this. */
    static final long LARGEST_MOVIE_BOX = 64L * 1024 * 1024;
    /** Every top-level box past the first read costs a request; real files have a handful, a hostile one could have millions. */
    static final int MOST_TOP_LEVEL_BOXES = 1_000;

    private static final int LARGEST_BOX_HEADER = 16;

    private final FileStorage storage;

    public Mp4MediaFactsReader(FileStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<MediaFacts> read(StorageKey key) {
        Optional<StoredObject> opened;
        try {
            opened = storage.open(key, ByteRange.between(0, FIRST_READ_BYTES - 1));
        } catch (RangeNotSatisfiableException e) {
            throw new UnreadableMediaException(key + " is empty, not an MP4");
        }
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        long length = opened.get().length();
        byte[] start = readAndClose(opened.get(), 0, (int) Math.min(FIRST_READ_BYTES, length));
        long at = 0;
        for (int boxes = 0; length - at >= 8; boxes++) {
            if (boxes == MOST_TOP_LEVEL_BOXES) {
                throw new UnreadableMediaException(key + " has more than " + MOST_TOP_LEVEL_BOXES + " top-level boxes before its moov");
            }
            Optional<BoxHeader> box = header(key, start, at, length);
            if (box.isEmpty()) {
                return Optional.empty();
            }
            if (box.get().type().equals("moov")) {
                return movieBox(key, start, box.get()).map(moov -> MovieBoxFacts.of(moov, length, key));
            }
            at = box.get().end();
        }
        throw new UnreadableMediaException(key + " has no moov box: not an MP4, or one cut short before its index");
    }

    /** The header of the box at {@code at}, from the first read when it lies there; empty when the file went meanwhile. */
    private Optional<BoxHeader> header(StorageKey key, byte[] start, long at, long length) {
        int wanted = (int) Math.min(LARGEST_BOX_HEADER, length - at);
        Optional<byte[]> bytes = at + wanted <= start.length
                ? Optional.of(Arrays.copyOfRange(start, (int) at, (int) at + wanted))
                : range(key, at, wanted);
        return bytes.map(header -> BoxHeader.parse(header, at, length, key));
    }

    private Optional<byte[]> movieBox(StorageKey key, byte[] start, BoxHeader moov) {
        if (moov.size() > LARGEST_MOVIE_BOX) {
            throw new UnreadableMediaException(key + "'s moov box has " + moov.size() + " bytes, more than the "
                    + LARGEST_MOVIE_BOX + " this reader accepts");
        }
        if (moov.end() <= start.length) {
            return Optional.of(Arrays.copyOfRange(start, (int) moov.start(), (int) moov.end()));
        }
        return range(key, moov.start(), (int) moov.size());
    }

    private Optional<byte[]> range(StorageKey key, long first, int count) {
        return storage.open(key, ByteRange.between(first, first + count - 1)).map(object -> readAndClose(object, first, count));
    }

    /**
     * {@code count} bytes from {@code first} on. A provider that ignored the range sends the whole file; its leading
     * bytes are skipped rather than taken for the ones asked for.
     */
    private static byte[] readAndClose(StoredObject object, long first, int count) {
        try (object) {
            long served = object.part().map(ByteRange.Span::first).orElse(0L);
            object.content().skipNBytes(first - served);
            byte[] bytes = object.content().readNBytes(count);
            if (bytes.length < count) {
                throw new FileStorage.StorageFailureException("the storage sent " + bytes.length + " of " + count + " bytes from offset " + first);
            }
            return bytes;
        } catch (IOException e) {
            throw new FileStorage.StorageFailureException("reading bytes " + first + " to " + (first + count - 1) + " failed: " + e.getMessage(), e);
        }
    }

    /** A top-level box: its four-letter type and where it starts and ends in the file (ISO/IEC 14496-12 §4.2). */
    record BoxHeader(String type, long start, long size) {

        long end() {
            return start + size;
        }

        /** Reads the 8- or 16-byte header; size 0 means "to the end of the file", size 1 that a 64-bit size follows. */
        static BoxHeader parse(byte[] header, long at, long length, StorageKey key) {
            ByteBuffer bytes = ByteBuffer.wrap(header);
            long size = Integer.toUnsignedLong(bytes.getInt());
            byte[] type = new byte[4];
            bytes.get(type);
            for (byte b : type) {
                if (b < 0x20 || b > 0x7E) {
                    throw new UnreadableMediaException(key + " is not an MP4: no box type at byte " + at);
                }
            }
            int headerLength = 8;
            if (size == 1) {
                if (header.length < 16) {
                    throw new UnreadableMediaException(key + " ends inside the header of a box at byte " + at);
                }
                size = bytes.getLong();
                headerLength = 16;
            } else if (size == 0) {
                size = length - at;
            }
            if (size < headerLength || size > length - at) {
                throw new UnreadableMediaException(key + " is cut short or damaged: the box at byte " + at + " claims " + size
                        + " bytes of the " + (length - at) + " left");
            }
            return new BoxHeader(new String(type, StandardCharsets.US_ASCII), at, size);
        }
    }
}
