package dev.avatarvideo.domain;

import java.util.regex.Pattern;

/** The customer a video, topic or file belongs to. Its value prefixes every storage key, so it is kept path-safe. */
public record TenantId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TenantId {
        Require.matches("tenantId", value, SHAPE, "must be 1-63 lowercase letters, digits or '-', starting with a letter or digit");
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
