package dev.avatarvideo.heygen.simulator;

import java.util.AbstractList;
import java.util.List;
import org.mp4parser.boxes.iso14496.part12.SubSampleInformationBox;
import org.mp4parser.boxes.sampleentry.SampleEntry;
import org.mp4parser.muxer.AbstractTrack;
import org.mp4parser.muxer.Sample;
import org.mp4parser.muxer.Track;
import org.mp4parser.muxer.TrackMetaData;

/**
 * A track that plays a short piece over and over, end to end, without copying its samples. mp4parser's own
 * {@code AppendTrack} would do for a few pieces, but it lists the piece's sample description once per copy, which for a
 * long video means thousands of identical entries in {@code stsd}; here there is one.
 */
final class RepeatedTrack extends AbstractTrack {

    private final Track piece;
    private final int times;
    private final int perPiece;
    private final TrackMetaData metaData;
    private final long[] durations;

    RepeatedTrack(Track piece, int times) {
        super(piece.getName() + " x" + times);
        if (times < 1) {
            throw new IllegalArgumentException("a track plays at least once");
        }
        if (piece.getCompositionTimeEntries() != null && !piece.getCompositionTimeEntries().isEmpty()) {
            throw new IllegalArgumentException("a repeated piece must have no composition offsets (encode it without B-frames)");
        }
        this.piece = piece;
        this.times = times;
        this.perPiece = piece.getSamples().size();
        // Movie.addTrack renumbers a track by writing to its metadata: each repetition gets its own copy, so pieces
        // shared by concurrent builds are never written to.
        this.metaData = (TrackMetaData) piece.getTrackMetaData().clone();
        long[] once = piece.getSampleDurations();
        this.durations = new long[Math.multiplyExact(once.length, times)];
        for (int i = 0; i < times; i++) {
            System.arraycopy(once, 0, durations, i * once.length, once.length);
        }
    }

    @Override
    public List<SampleEntry> getSampleEntries() {
        return piece.getSampleEntries();
    }

    @Override
    public long[] getSampleDurations() {
        return durations;
    }

    /** Key frames of every repetition; {@code null} (every sample is one) when the piece has no sync sample table. */
    @Override
    public long[] getSyncSamples() {
        long[] once = piece.getSyncSamples();
        if (once == null || once.length == 0) {
            return null;
        }
        long[] all = new long[once.length * times];
        for (int i = 0; i < times; i++) {
            for (int j = 0; j < once.length; j++) {
                all[i * once.length + j] = (long) i * perPiece + once[j];
            }
        }
        return all;
    }

    @Override
    public TrackMetaData getTrackMetaData() {
        return metaData;
    }

    @Override
    public String getHandler() {
        return piece.getHandler();
    }

    @Override
    public List<Sample> getSamples() {
        List<Sample> once = piece.getSamples();
        return new AbstractList<>() {
            @Override
            public Sample get(int index) {
                return once.get(index % perPiece);
            }

            @Override
            public int size() {
                return perPiece * times;
            }
        };
    }

    @Override
    public SubSampleInformationBox getSubsampleInformationBox() {
        return null;
    }

    /** The piece belongs to whoever loaded it and outlives this track. */
    @Override
    public void close() {
    }
}
