package dev.avatarvideo.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which captions a video gets; the service names them {@code none}, {@code sidecar}, {@code burned}, {@code both}. */
public enum CaptionChoice {
    /** The clean video only. */
    NONE,
    /** The clean video with a caption track beside it ({@link Video#captionFiles()}: SRT and WebVTT). */
    SIDECAR,
    /** Captions burned into the picture. */
    BURNED,
    /** The burned-in video and the caption track beside it. */
    BOTH;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The choice the service named. A service from before the choice answers {@code true}/{@code false}, which meant
     * burned/none; a name this client does not know yet reads as {@code null} rather than failing the whole video.
     */
    @JsonCreator
    static CaptionChoice fromJson(Object value) {
        if (value instanceof Boolean yesNo) {
            return yesNo ? BURNED : NONE;
        }
        for (CaptionChoice choice : values()) {
            if (choice.wireName().equals(value)) {
                return choice;
            }
        }
        return null;
    }
}
