package dev.avatarvideo.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Whether a look or voice is the renderer's shared library ({@code public}) or the account's own ({@code private}). */
public enum Ownership {
    PUBLIC("public"),
    PRIVATE("private");

    private final String label;

    Ownership(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Ownership fromLabel(String field, String label) {
        return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, field + " must be one of "
                        + Arrays.stream(values()).map(Ownership::label).collect(Collectors.joining(", ")) + " (got '" + label + "')"));
    }
}
