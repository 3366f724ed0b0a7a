package dev.avatarvideo.adapters.web;

import dev.avatarvideo.domain.CaptionChoice;
import dev.avatarvideo.domain.InvalidInputException;

/**
 * The {@code captions} field as callers send it: one of the choices by name, or the earlier yes/no, which keeps its
 * meaning ({@code true} is {@code burned}, {@code false} is {@code none}).
 */
final class CaptionChoices {

    private CaptionChoices() {
    }

    /** {@code null} when absent; anything but a choice's name or a boolean is refused, naming the field. */
    static CaptionChoice of(Object captions) {
        return of("captions", captions);
    }

    /** As {@link #of(Object)} for the field at {@code field} ({@code contents[0].generate.captions}). */
    static CaptionChoice of(String field, Object captions) {
        return switch (captions) {
            case null -> null;
            case Boolean yesNo -> CaptionChoice.fromYesNo(yesNo);
            case String name -> CaptionChoice.fromWireName(field, name);
            default -> throw new InvalidInputException(field, field + " must be one of none, sidecar, burned, both (or true/false)");
        };
    }
}
