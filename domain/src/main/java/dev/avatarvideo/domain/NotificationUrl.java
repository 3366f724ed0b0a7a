package dev.avatarvideo.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** Where the platform wants to be told about videos: an absolute http(s) address of at most 2000 characters. */
public record NotificationUrl(URI value) {

    public static final int MAX_LENGTH = 2000;

    public NotificationUrl {
        Objects.requireNonNull(value, "value");
    }

    /** Parses an address a caller sent in {@code field}, refusing anything that cannot be POSTed to. */
    public static NotificationUrl parse(String field, String text) {
        Require.notBlank(field, text);
        Require.maxLength(field, text, MAX_LENGTH);
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, field + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException(field, field + " must be an absolute http:// or https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException(field, field + " must not carry a user name or password; requests are signed instead");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException(field, field + " must not have a #fragment; it is never sent to the server");
        }
        return new NotificationUrl(uri);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
