package dev.avatarvideo.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a scene's voice speaks. The bounds are HeyGen's: faster or higher settings are refused by the renderer, so they
 * are refused here first.
 *
 * @param speed 0.5 to 1.5, 1 is normal
 * @param pitch -50 to 50, 0 is normal
 * @param volume 0 to 1, 1 is full
 * @param locale a variant of the voice's language, such as {@code en-GB}, for voices that support one
 */
public record VoiceSettings(double speed, double pitch, double volume, Optional<String> locale) {

    public static final VoiceSettings DEFAULT = new VoiceSettings(1, 0, 1, Optional.empty());
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

    public VoiceSettings {
        within("speed", speed, 0.5, 1.5);
        within("pitch", pitch, -50, 50);
        within("volume", volume, 0, 1);
        Objects.requireNonNull(locale, "locale");
        locale = locale.map(String::strip).filter(l -> !l.isEmpty());
        locale.ifPresent(l -> Require.matches("locale", l, LOCALE, "must be a language tag such as en-US"));
    }

    private static void within(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidInputException(field, field + " must be from " + number(min) + " to " + number(max) + " (got " + number(value) + ")");
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
