package dev.avatarvideo.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The gender a caller can filter voices by, as the renderer offers the filter. */
public enum Gender {
    MALE("male"),
    FEMALE("female");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Gender fromLabel(String field, String label) {
        return Arrays.stream(values()).filter(g -> g.label.equals(label)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, field + " must be one of "
                        + Arrays.stream(values()).map(Gender::label).collect(Collectors.joining(", ")) + " (got '" + label + "')"));
    }
}
