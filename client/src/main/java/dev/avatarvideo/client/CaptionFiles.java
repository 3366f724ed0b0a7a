package dev.avatarvideo.client;

/**
 * The caption track of a {@link CaptionChoice#SIDECAR} or {@link CaptionChoice#BOTH} video, one cue per scene, in
 * both formats: SRT for editors and players, WebVTT for a browser's {@code <track>}.
 */
public record CaptionFiles(VideoFile srt, VideoFile vtt) {
}
