package dev.avatarvideo.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Frame shape of a rendered video, named by the labels HeyGen and our API use. */
public enum AspectRatio {
    LANDSCAPE_16_9("16:9"),
    PORTRAIT_9_16("9:16"),
    PORTRAIT_4_5("4:5"),
    LANDSCAPE_5_4("5:4"),
    SQUARE("1:1");

    public static final AspectRatio DEFAULT = LANDSCAPE_16_9;

    private final String label;

    AspectRatio(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static AspectRatio fromLabel(String label) {
        return Arrays.stream(values())
                .filter(r -> r.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("aspectRatio",
                        "aspectRatio must be one of " + labels() + " (got '" + label + "')"));
    }

    public static String labels() {
        return Arrays.stream(values()).map(AspectRatio::label).collect(Collectors.joining(", "));
    }
}
