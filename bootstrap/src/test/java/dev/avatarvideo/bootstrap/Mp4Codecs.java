package dev.avatarvideo.bootstrap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the codec of every track from an MP4's sample descriptions (moov/trak/mdia/minf/stbl/stsd). */
final class Mp4Codecs {

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl");

    private Mp4Codecs() {
    }

    static List<String> of(byte[] file) {
        List<String> codecs = new ArrayList<>();
        walk(ByteBuffer.wrap(file), 0, file.length, codecs);
        return codecs;
    }

    private static void walk(ByteBuffer buffer, int from, int to, List<String> codecs) {
        int position = from;
        while (position + 8 <= to) {
            long size = Integer.toUnsignedLong(buffer.getInt(position));
            String type = new String(new byte[] {buffer.get(position + 4), buffer.get(position + 5), buffer.get(position + 6), buffer.get(position + 7)}, StandardCharsets.US_ASCII);
            int header = 8;
            if (size == 1) {
                size = buffer.getLong(position + 8);
                header = 16;
            } else if (size == 0) {
                size = to - position;
            }
            if (size < header || position + size > to) {
                return;
            }
            int end = (int) (position + size);
            if (CONTAINERS.contains(type)) {
                walk(buffer, position + header, end, codecs);
            } else if (type.equals("stsd")) {
                int entry = position + header + 8;
                if (entry + 8 <= end) {
                    codecs.add(new String(new byte[] {buffer.get(entry + 4), buffer.get(entry + 5), buffer.get(entry + 6), buffer.get(entry + 7)}, StandardCharsets.US_ASCII));
                }
            }
            position = end;
        }
    }
}
