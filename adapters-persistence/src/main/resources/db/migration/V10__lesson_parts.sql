-- What a READY video keeps besides its video file: its caption track in SRT and in WebVTT, the poster shown before
-- play, the animated preview, and the media facts read from the stored video. One row per video that kept any of them;
-- videos stored before parts were kept have none.
--
-- One row with a column per part rather than a row per part: "SRT and WebVTT together" and "facts complete or absent"
-- are then plain CHECKs, and a video reads its parts with one join on a primary key. The facts live here, not on
-- avatar_videos: they are READY-only like the files, and the work queues rewrite avatar_videos rows all the time.

-- The target of the reference below, which ties parts to the video's status.
ALTER TABLE avatar_videos ADD CONSTRAINT avatar_videos_id_and_status UNIQUE (id, status);

CREATE TABLE lesson_parts (
    video_id          uuid PRIMARY KEY,
    -- Only a READY video keeps parts: the reference includes the status, so no row can point at a video in any other
    -- status, and a video with parts cannot leave READY while they exist.
    video_status      text NOT NULL DEFAULT 'READY' CHECK (video_status = 'READY'),
    captions_srt_path text REFERENCES stored_files (storage_path),
    captions_vtt_path text REFERENCES stored_files (storage_path),
    poster_path       text REFERENCES stored_files (storage_path),
    preview_path      text REFERENCES stored_files (storage_path),
    -- Nanoseconds, as java.time.Duration keeps them, so a duration reads back exactly as it was read from the file.
    duration_nanos    bigint CHECK (duration_nanos > 0),
    width             integer CHECK (width > 0),
    height            integer CHECK (height > 0),
    video_codec       text CHECK (video_codec <> ''),
    -- Empty for a video without sound.
    audio_codec       text CHECK (audio_codec <> ''),
    frames_per_second double precision CHECK (frames_per_second > 0 AND frames_per_second <> 'Infinity'),
    bits_per_second   bigint CHECK (bits_per_second > 0),
    CONSTRAINT parts_only_while_ready FOREIGN KEY (video_id, video_status) REFERENCES avatar_videos (id, status) ON DELETE CASCADE,
    CONSTRAINT captions_in_both_formats CHECK ((captions_srt_path IS NULL) = (captions_vtt_path IS NULL)),
    CONSTRAINT media_facts_complete_or_absent CHECK (
        num_nulls(duration_nanos, width, height, video_codec, frames_per_second, bits_per_second) IN (0, 6)
        AND (audio_codec IS NULL OR duration_nanos IS NOT NULL)),
    CONSTRAINT keeps_something CHECK (num_nonnulls(captions_srt_path, poster_path, preview_path, duration_nanos) > 0)
);
