package dev.avatarvideo.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which captions a video gets. HeyGen makes a caption file ({@code subtitle_url}) for every captioned render, and burns
 * captions into a second copy of the video ({@code captioned_video_url}) only when asked with a style.
 */
public enum CaptionChoice {
    /** No captions: the clean video only. */
    NONE,
    /** A caption track next to the clean video: SRT as HeyGen makes it, and WebVTT for browsers' {@code <track>}. */
    SIDECAR,
    /** Captions burned into the picture: HeyGen's captioned copy is the stored video. */
    BURNED,
    /** The captioned copy as the stored video, and the caption track next to it. */
    BOTH;

    /** Whether the caption track (SRT and WebVTT) is stored with the video. */
    public boolean keepsTrack() {
        return this == SIDECAR || this == BOTH;
    }

    /** Whether the stored video is the copy with captions burned in. */
    public boolean burnsIn() {
        return this == BURNED || this == BOTH;
    }

    /** Whether the renderer is asked for captions at all. */
    public boolean any() {
        return this != NONE;
    }

    /** The name callers use: {@code none}, {@code sidecar}, {@code burned}, {@code both}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice a caller named; refused with the names there are otherwise. */
    public static CaptionChoice fromWireName(String field, String name) {
        for (CaptionChoice choice : values()) {
            if (choice.wireName().equals(name)) {
                return choice;
            }
        }
        throw new InvalidInputException(field, field + " must be one of " + Arrays.stream(values())
                .map(CaptionChoice::wireName).collect(Collectors.joining(", ")) + " (or true/false)");
    }

    /**
     * What the earlier yes/no answer means: {@code true} asked HeyGen for captions with a style, which burns them in,
     * so it keeps meaning exactly that.
     */
    public static CaptionChoice fromYesNo(boolean captions) {
        return captions ? BURNED : NONE;
    }
}
