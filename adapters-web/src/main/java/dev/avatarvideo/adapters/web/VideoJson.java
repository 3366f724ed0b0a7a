package dev.avatarvideo.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.avatarvideo.application.port.in.video.GenerateAvatarVideoCommand.SceneFields;
import dev.avatarvideo.domain.VideoPage;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.IngestRetry;
import dev.avatarvideo.domain.LessonParts;
import dev.avatarvideo.domain.MediaFacts;
import dev.avatarvideo.domain.Scene;
import dev.avatarvideo.domain.SceneBackground;
import dev.avatarvideo.domain.VoiceSettings;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.VideoId;
import dev.avatarvideo.domain.VideoWaiting;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes for videos. camelCase; the field names are a contract the platform relies on. */
final class VideoJson {

    private VideoJson() {
    }

    record CreateVideoRequest(String title, String resolution, String aspectRatio, Object captions, String callbackUrl, List<SceneFields> scenes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SceneBody(String avatarId, String voiceId, String script, VoiceBody voice, BackgroundBody background) {

        static SceneBody of(Scene scene) {
            return new SceneBody(scene.avatarId(), scene.voiceId(), scene.script(),
                    scene.voice().map(VoiceBody::of).orElse(null),
                    scene.background().map(BackgroundBody::of).orElse(null));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VoiceBody(double speed, double pitch, double volume, String locale) {

        static VoiceBody of(VoiceSettings voice) {
            return new VoiceBody(voice.speed(), voice.pitch(), voice.volume(), voice.locale().orElse(null));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BackgroundBody(String color, String imageUrl) {

        static BackgroundBody of(SceneBackground background) {
            return switch (background) {
                case SceneBackground.Color color -> new BackgroundBody(color.hex(), null);
                case SceneBackground.Image image -> new BackgroundBody(null, image.url().toString());
            };
        }
    }

    record ErrorBody(String code, String message) {
    }

    record FileBody(String fileUrl, String fileName, long fileSize, String fileType, String storagePath,
                    Instant uploadedAt, String checksum, String provider) {

        static FileBody of(StoredFile file) {
            return new FileBody(file.fileUrl().toString(), file.fileName(), file.fileSize(), file.fileType(),
                    file.storagePath().value(), file.uploadedAt(), file.checksum(), file.provider());
        }
    }

    /**
     * Where to play a video whose copy into our storage has not succeeded yet: the renderer's own address, which stops
     * working at {@code expiresAt}. {@code temporary} is always true, so a client can tell it from {@code file} at a glance.
     */
    record TemporaryFileBody(String fileUrl, boolean temporary, Instant expiresAt, Instant nextCopyAttemptAt) {

        static TemporaryFileBody of(IngestRetry retry) {
            return new TemporaryFileBody(retry.temporaryUrl().toString(), true, retry.temporaryUntil(), retry.nextAttemptAt());
        }
    }

    /** Why a video does not move on although nothing failed; absent when nothing blocks it. */
    record WaitingBody(String reason, String detail, Instant since) {

        static WaitingBody of(VideoWaiting waiting) {
            return new WaitingBody(waiting.reason().code(), waiting.detail(), waiting.since());
        }
    }

    /**
     * What the stored video is, read from the file. {@code durationSeconds} is a number with its fraction (a lesson
     * rarely lasts whole seconds); {@code audioCodec} is absent for a video without sound.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MediaBody(double durationSeconds, int width, int height, String videoCodec, String audioCodec, double framesPerSecond,
                     long bitsPerSecond) {

        static MediaBody of(MediaFacts media) {
            return new MediaBody(media.duration().toNanos() / 1e9, media.width(), media.height(), media.videoCodec(),
                    media.audioCodec().orElse(null), media.framesPerSecond(), media.bitsPerSecond());
        }
    }

    /** The caption track in both formats: SRT for editors and players, WebVTT for a browser's {@code <track>}. */
    record CaptionFilesBody(FileBody srt, FileBody vtt) {

        static CaptionFilesBody of(LessonParts parts) {
            return parts.captionsSrt().isEmpty() ? null
                    : new CaptionFilesBody(FileBody.of(parts.captionsSrt().get()), FileBody.of(parts.captionsVtt().orElseThrow()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VideoBody(String id, String status, String title, String resolution, String aspectRatio, String captions,
                     List<SceneBody> scenes, Instant createdAt, Instant updatedAt, ErrorBody error, FileBody file,
                     MediaBody media, CaptionFilesBody captionFiles, FileBody poster, FileBody preview,
                     TemporaryFileBody temporaryFile, WaitingBody waiting) {

        static VideoBody of(AvatarVideo video) {
            return of(video, null);
        }

        static VideoBody of(AvatarVideo video, VideoWaiting waiting) {
            return new VideoBody(
                    video.id().toString(),
                    video.status().name(),
                    video.title(),
                    video.resolution().label(),
                    video.aspectRatio().label(),
                    video.captions().wireName(),
                    video.scenes().stream().map(SceneBody::of).toList(),
                    video.createdAt(),
                    video.updatedAt(),
                    video.failureReason().map(f -> new ErrorBody(f.code(), f.message())).orElse(null),
                    video.storedFile().map(FileBody::of).orElse(null),
                    video.parts().media().map(MediaBody::of).orElse(null),
                    CaptionFilesBody.of(video.parts()),
                    video.parts().poster().map(FileBody::of).orElse(null),
                    video.parts().preview().map(FileBody::of).orElse(null),
                    video.pendingIngestRetry().map(TemporaryFileBody::of).orElse(null),
                    waiting == null ? null : WaitingBody.of(waiting));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VideoListBody(List<VideoBody> items, String nextCursor) {

        static VideoListBody of(VideoPage page, Map<VideoId, VideoWaiting> waiting) {
            return new VideoListBody(page.videos().stream().map(video -> VideoBody.of(video, waiting.get(video.id()))).toList(),
                    page.next().map(CursorCodec::encode).orElse(null));
        }
    }
}
