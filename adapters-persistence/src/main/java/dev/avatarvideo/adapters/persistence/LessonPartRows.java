package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Rows of {@code lesson_parts}: what a READY video keeps besides its file. Read in the same statement as the video or
 * event they belong to, through {@link #join} (one primary-key lookup, and one per part file), never one query per video.
 */
final class LessonPartRows {

    /** The part columns of {@code lesson_parts}, with the column-name prefix each part's file is read under. */
    private enum Part {
        CAPTIONS_SRT("captions_srt_path", "srt"),
        CAPTIONS_VTT("captions_vtt_path", "vtt"),
        POSTER("poster_path", "poster"),
        PREVIEW("preview_path", "preview");

        final String column;
        final String alias;

        Part(String column, String alias) {
            this.column = column;
            this.alias = alias;
        }

        String prefix() {
            return "part_" + alias + "_";
        }

        Optional<StoredFile> of(LessonParts parts) {
            return switch (this) {
                case CAPTIONS_SRT -> parts.captionsSrt();
                case CAPTIONS_VTT -> parts.captionsVtt();
                case POSTER -> parts.poster();
                case PREVIEW -> parts.preview();
            };
        }
    }

    /** The columns {@link #read} expects, for a query that has {@link #join} in its FROM. */
    static final String COLUMNS = Stream.of(Part.values())
            .map(part -> "lp." + part.column + " AS " + part.prefix() + "path, " + StoredFileRows.columns("lp_" + part.alias, part.prefix()))
            .collect(Collectors.joining(", "))
            + ", lp.duration_nanos AS media_duration_nanos, lp.width AS media_width, lp.height AS media_height,"
            + " lp.video_codec AS media_video_codec, lp.audio_codec AS media_audio_codec,"
            + " lp.frames_per_second AS media_frames_per_second, lp.bits_per_second AS media_bits_per_second";

    /** Every part's path column of {@code lesson_parts lp}, unprefixed, for {@link #paths}. */
    static final String PATH_COLUMNS = Stream.of(Part.values()).map(part -> "lp." + part.column).collect(Collectors.joining(", "));

    private LessonPartRows() {
    }

    /** The joins that read the parts of the video whose id is {@code videoId} (SQL), when {@code condition} (SQL) holds. */
    static String join(String videoId, String condition) {
        return " LEFT JOIN lesson_parts lp ON lp.video_id = " + videoId + (condition.isBlank() ? "" : " AND " + condition)
                + Stream.of(Part.values())
                .map(part -> " LEFT JOIN stored_files lp_" + part.alias + " ON lp_" + part.alias + ".storage_path = lp." + part.column)
                .collect(Collectors.joining())
                + " ";
    }

    /** The parts in the current row; {@link LessonParts#NONE} when the video kept none. */
    static LessonParts read(ResultSet rs) throws SQLException {
        Map<Part, Optional<StoredFile>> files = new HashMap<>();
        for (Part part : Part.values()) {
            String path = rs.getString(part.prefix() + "path");
            files.put(part, path == null ? Optional.empty() : Optional.of(StoredFileRows.read(rs, part.prefix(), path)));
        }
        Optional<MediaFacts> media = media(rs);
        if (media.isEmpty() && files.values().stream().allMatch(Optional::isEmpty)) {
            return LessonParts.NONE;
        }
        return new LessonParts(files.get(Part.CAPTIONS_SRT), files.get(Part.CAPTIONS_VTT), files.get(Part.POSTER),
                files.get(Part.PREVIEW), media);
    }

    private static Optional<MediaFacts> media(ResultSet rs) throws SQLException {
        long nanos = rs.getLong("media_duration_nanos");
        if (rs.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new MediaFacts(Duration.ofNanos(nanos), rs.getInt("media_width"), rs.getInt("media_height"),
                rs.getString("media_video_codec"), Optional.ofNullable(rs.getString("media_audio_codec")),
                rs.getDouble("media_frames_per_second"), rs.getLong("media_bits_per_second")));
    }

    /**
     * Records the parts of a video that is READY in this transaction, once their files are recorded; a video that kept
     * none gets no row. Recording the same parts again changes nothing: a READY video's parts never change.
     */
    static void insert(Handle handle, VideoId video, LessonParts parts) {
        if (parts.equals(LessonParts.NONE)) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("videoId", video.value());
        for (Part part : Part.values()) {
            values.put(part.alias, part.of(parts).map(file -> file.storagePath().value()).orElse(null));
        }
        Optional<MediaFacts> media = parts.media();
        values.put("durationNanos", media.map(m -> m.duration().toNanos()).orElse(null));
        values.put("width", media.map(MediaFacts::width).orElse(null));
        values.put("height", media.map(MediaFacts::height).orElse(null));
        values.put("videoCodec", media.map(MediaFacts::videoCodec).orElse(null));
        values.put("audioCodec", media.flatMap(MediaFacts::audioCodec).orElse(null));
        values.put("framesPerSecond", media.map(MediaFacts::framesPerSecond).orElse(null));
        values.put("bitsPerSecond", media.map(MediaFacts::bitsPerSecond).orElse(null));
        handle.createUpdate("""
                        INSERT INTO lesson_parts (video_id, captions_srt_path, captions_vtt_path, poster_path, preview_path, duration_nanos,
                                                  width, height, video_codec, audio_codec, frames_per_second, bits_per_second)
                        VALUES (:videoId, :srt, :vtt, :poster, :preview, :durationNanos, :width, :height, :videoCodec, :audioCodec,
                                :framesPerSecond, :bitsPerSecond)
                        ON CONFLICT (video_id) DO NOTHING""")
                .bindMap(values)
                .execute();
    }

    /** The storage paths of every part the current row names, for a query that selected {@link #PATH_COLUMNS}. */
    static List<String> paths(ResultSet rs) throws SQLException {
        List<String> paths = new ArrayList<>(4);
        for (Part part : Part.values()) {
            Optional.ofNullable(rs.getString(part.column)).ifPresent(paths::add);
        }
        return paths;
    }
}
