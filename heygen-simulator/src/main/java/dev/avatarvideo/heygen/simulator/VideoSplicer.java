package dev.avatarvideo.heygen.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mp4parser.Container;
import org.mp4parser.muxer.InMemRandomAccessSourceImpl;
import org.mp4parser.muxer.Movie;
import org.mp4parser.muxer.Track;
import org.mp4parser.muxer.builder.DefaultMp4Builder;
import org.mp4parser.muxer.container.mp4.MovieCreator;
import org.mp4parser.muxer.tracks.ClippedTrack;

/**
 * Makes the simulator's MP4s by joining pre-encoded pieces at the box level with mp4parser: no encoder runs, so a video
 * of any length costs a few milliseconds and no ffmpeg. Each piece is {@link RenderPlan#PIECE} of a still picture saying
 * SIMULATED (H.264 Main, 25 fps, one key frame per piece), one set per {@link FrameSize}, plain and with a burned-in
 * caption bar; the audio is silent AAC-LC, 48 kHz mono, 30 frames per piece. {@code tools/make-video-segments.sh} made
 * the pieces. The result puts {@code moov} before {@code mdat} ("faststart"), as the simulator's earlier single file and
 * files meant for the web do.
 */
final class VideoSplicer {

    private static final String PIECES = "segments/";
    /** Whole AAC frames from the middle of the silent clip: the first one carries the encoder's priming. */
    private static final int FIRST_SILENT_FRAME = 1;
    private static final int AUDIO_FRAMES_PER_PIECE = 30;

    private final Map<String, Track> videoPieces = new ConcurrentHashMap<>();
    private final Track silence;

    VideoSplicer() {
        Track clip = load("silence.mp4");
        this.silence = new ClippedTrack(clip, FIRST_SILENT_FRAME, FIRST_SILENT_FRAME + AUDIO_FRAMES_PER_PIECE);
    }

    /** Writes an MP4 of {@code pieces} pieces of the given frame to {@code target}, which must not exist yet. */
    void write(FrameSize frame, boolean captioned, int pieces, Path target) throws IOException {
        Track picture = videoPieces.computeIfAbsent(frame + (captioned ? "-captioned" : ""), name -> load(name + ".mp4"));
        Movie movie = new Movie();
        movie.addTrack(new RepeatedTrack(picture, pieces));
        movie.addTrack(new RepeatedTrack(silence, pieces));
        Container mp4 = new DefaultMp4Builder().build(movie);
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            mp4.writeContainer(out);
        }
    }

    private static Track load(String name) {
        try (InputStream in = VideoSplicer.class.getResourceAsStream(PIECES + name)) {
            if (in == null) {
                throw new IllegalArgumentException("the simulator has no video piece " + name);
            }
            byte[] bytes = in.readAllBytes();
            Movie movie = MovieCreator.build(Channels.newChannel(new ByteArrayInputStream(bytes)), new InMemRandomAccessSourceImpl(bytes), name);
            return movie.getTracks().getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
