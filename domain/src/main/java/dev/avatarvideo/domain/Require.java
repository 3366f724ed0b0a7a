package dev.avatarvideo.domain;

import java.util.regex.Pattern;

/** Guards shared by the value objects, so every one of them words its complaints the same way. */
final class Require {

    private Require() {
    }

    static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " must not be empty");
        }
        return value;
    }

    static String maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, field + " must be at most " + max + " characters (got " + value.length() + ")");
        }
        return value;
    }

    static String matches(String field, String value, Pattern pattern, String expectation) {
        notBlank(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInputException(field, field + " " + expectation);
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }
}
