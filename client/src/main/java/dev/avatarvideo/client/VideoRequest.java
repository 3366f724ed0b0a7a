package dev.avatarvideo.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A request for a video, as {@code POST /api/videos} takes it. Absent fields take the service's defaults (720p, 16:9,
 * no captions, no callback).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoRequest(String title, String resolution, String aspectRatio, CaptionChoice captions, URI callbackUrl, List<Scene> scenes) {

    public VideoRequest {
        scenes = List.copyOf(Objects.requireNonNull(scenes, "scenes"));
    }

    public static VideoRequest of(String title, Scene... scenes) {
        return new VideoRequest(title, null, null, null, null, List.of(scenes));
    }

    public VideoRequest withResolution(String newResolution) {
        return new VideoRequest(title, newResolution, aspectRatio, captions, callbackUrl, scenes);
    }

    public VideoRequest withAspectRatio(String newAspectRatio) {
        return new VideoRequest(title, resolution, newAspectRatio, captions, callbackUrl, scenes);
    }

    /** Which captions the video gets: none, a track beside it (SRT and WebVTT), burned into the picture, or both. */
    public VideoRequest withCaptions(CaptionChoice choice) {
        return new VideoRequest(title, resolution, aspectRatio, choice, callbackUrl, scenes);
    }

    /** Where the service should POST every later status change of this video, signed with the tenant's callback secret. */
    public VideoRequest withCallbackUrl(URI url) {
        return new VideoRequest(title, resolution, aspectRatio, captions, url, scenes);
    }
}
