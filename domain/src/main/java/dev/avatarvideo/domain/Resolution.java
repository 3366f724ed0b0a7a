package dev.avatarvideo.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Output resolution of a rendered video, named by the labels HeyGen and our API use. */
public enum Resolution {
    P720("720p"),
    P1080("1080p"),
    P4K("4k");

    /** 720p renders on every HeyGen plan, including free ones; higher resolutions are opt-in. */
    public static final Resolution DEFAULT = P720;

    private final String label;

    Resolution(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Resolution fromLabel(String label) {
        return Arrays.stream(values())
                .filter(r -> r.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("resolution",
                        "resolution must be one of " + labels() + " (got '" + label + "')"));
    }

    public static String labels() {
        return Arrays.stream(values()).map(Resolution::label).collect(Collectors.joining(", "));
    }
}
