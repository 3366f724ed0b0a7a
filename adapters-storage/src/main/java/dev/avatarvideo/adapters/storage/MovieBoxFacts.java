package dev.avatarvideo.adapters.storage;

import dev.avatarvideo.application.port.out.storage.MediaFactsReader.UnreadableMediaException;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.StorageKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.Optional;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part1.objectdescriptors.DecoderConfigDescriptor;
import org.mp4parser.boxes.iso14496.part12.MediaHeaderBox;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.MovieExtendsBox;
import org.mp4parser.boxes.iso14496.part12.MovieHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.boxes.iso14496.part14.ESDescriptorBox;
import org.mp4parser.boxes.sampleentry.AbstractSampleEntry;
import org.mp4parser.boxes.sampleentry.VisualSampleEntry;

/**
 * The facts one {@code moov} box states, parsed by mp4parser's isoparser from the box's bytes alone: the movie's
 * duration from {@code mvhd}; the first video track's picture size from its sample entry and frame rate from its sample
 * count over its media duration; the codecs from the sample entries, named as ffprobe names them.
 */
final class MovieBoxFacts {

    private MovieBoxFacts() {
    }

    static MediaFacts of(byte[] moovBox, long fileLength, StorageKey key) {
        try (IsoFile parsed = new IsoFile(Channels.newChannel(new ByteArrayInputStream(moovBox)))) {
            MovieBox movie = parsed.getMovieBox();
            if (movie == null) {
                throw new UnreadableMediaException(key + "'s moov box could not be parsed");
            }
            if (!movie.getBoxes(MovieExtendsBox.class).isEmpty()) {
                throw new UnreadableMediaException(key + " is a fragmented MP4: its samples are listed in fragments, which this reader does not read");
            }
            TrackBox video = track(movie, "vide").orElseThrow(() -> new UnreadableMediaException(key + " has no video track"));
            if (!(video.getSampleTableBox().getSampleDescriptionBox().getSampleEntry() instanceof VisualSampleEntry picture)) {
                throw new UnreadableMediaException(key + "'s video track does not describe its pictures");
            }
            double seconds = seconds(movie.getMovieHeaderBox(), key);
            MediaHeaderBox videoTiming = video.getMediaBox().getMediaHeaderBox();
            double frames = video.getSampleTableBox().getSampleSizeBox().getSampleCount();
            double videoSeconds = videoTiming.getTimescale() == 0 ? 0 : (double) videoTiming.getDuration() / videoTiming.getTimescale();
            return new MediaFacts(Duration.ofNanos(Math.round(seconds * 1e9)), picture.getWidth(), picture.getHeight(),
                    videoCodec(picture.getType()), track(movie, "soun").map(MovieBoxFacts::audioCodec),
                    videoSeconds > 0 ? frames / videoSeconds : 0, Math.round(fileLength * 8 / seconds));
        } catch (UnreadableMediaException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new UnreadableMediaException(key + " states impossible facts: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // isoparser reports damaged boxes with whatever a ByteBuffer or its own checks throw.
            throw new UnreadableMediaException(key + "'s moov box is damaged: " + e, e);
        }
    }

    private static double seconds(MovieHeaderBox header, StorageKey key) {
        if (header == null || header.getTimescale() == 0 || header.getDuration() <= 0) {
            throw new UnreadableMediaException(key + " does not state its duration (no mvhd, or a zero one)");
        }
        return (double) header.getDuration() / header.getTimescale();
    }

    private static Optional<TrackBox> track(MovieBox movie, String handler) {
        return movie.getBoxes(TrackBox.class).stream()
                .filter(track -> handler.equals(track.getMediaBox().getHandlerBox().getHandlerType()))
                .findFirst();
    }

    private static String videoCodec(String sampleEntry) {
        return switch (sampleEntry) {
            case "avc1", "avc3" -> "h264";
            case "hvc1", "hev1" -> "hevc";
            case "av01" -> "av1";
            case "vp08" -> "vp8";
            case "vp09" -> "vp9";
            case "mp4v" -> "mpeg4";
            default -> sampleEntry.strip();
        };
    }

    private static String audioCodec(TrackBox track) {
        AbstractSampleEntry entry = track.getSampleTableBox().getSampleDescriptionBox().getSampleEntry();
        return switch (entry.getType()) {
            case "mp4a" -> mpeg4AudioCodec(entry);
            case "Opus" -> "opus";
            case "ac-3" -> "ac3";
            case "ec-3" -> "eac3";
            case "fLaC" -> "flac";
            case "alac" -> "alac";
            case ".mp3" -> "mp3";
            default -> entry.getType().strip();
        };
    }

    /** {@code mp4a} holds any MPEG-4 systems audio; its {@code esds} says which (ISO/IEC 14496-1 object type indications). */
    private static String mpeg4AudioCodec(AbstractSampleEntry entry) {
        int objectType = entry.getBoxes(ESDescriptorBox.class).stream().findFirst()
                .map(esds -> esds.getEsDescriptor().getDecoderConfigDescriptor())
                .map(DecoderConfigDescriptor::getObjectTypeIndication)
                .orElse(0x40);
        return switch (objectType) {
            case 0x40, 0x66, 0x67, 0x68 -> "aac";
            case 0x69, 0x6B -> "mp3";
            case 0xA5 -> "ac3";
            case 0xA6 -> "eac3";
            case 0xAD -> "opus";
            default -> "mp4a";
        };
    }
}
