package dev.avatarvideo.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What kind of avatar a look belongs to; it decides which render features the look supports. */
public enum AvatarType {
    /** A ready-made avatar of the renderer's library. */
    STUDIO_AVATAR("studio_avatar"),
    /** An avatar made from video footage of a real person. */
    DIGITAL_TWIN("digital_twin"),
    /** An avatar animated from a still photo. */
    PHOTO_AVATAR("photo_avatar"),
    /** A kind this service does not know yet; listed, so nothing the renderer offers goes missing. */
    OTHER("other");

    private final String label;

    AvatarType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind a caller asked for; {@code other} is an answer, never a filter. */
    public static AvatarType fromLabel(String field, String label) {
        return Arrays.stream(values()).filter(t -> t != OTHER && t.label.equals(label)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, field + " must be one of " + filterLabels() + " (got '" + label + "')"));
    }

    public static Optional<AvatarType> ofLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    public static String filterLabels() {
        return Arrays.stream(values()).filter(t -> t != OTHER).map(AvatarType::label).collect(Collectors.joining(", "));
    }
}
