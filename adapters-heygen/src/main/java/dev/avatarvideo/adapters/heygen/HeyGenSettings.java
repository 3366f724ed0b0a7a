package dev.avatarvideo.adapters.heygen;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach HeyGen.
 *
 * @param baseUrl {@code https://api.heygen.com}, or a simulator's address
 * @param apiKey sent as {@code X-Api-Key}; a secret, never printed (see {@link #toString()})
 * @param requestTimeout for API calls; downloads of finished videos are bounded by {@code downloadTimeout} instead
 */
public record HeyGenSettings(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout, Duration downloadTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.heygen.com");

    public HeyGenSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(downloadTimeout, "downloadTimeout");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the HeyGen API key must not be blank");
        }
    }

    public static HeyGenSettings of(URI baseUrl, String apiKey) {
        return new HeyGenSettings(baseUrl, apiKey, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30));
    }

    @Override
    public String toString() {
        return "HeyGenSettings[baseUrl=" + baseUrl + ", apiKey=****, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", downloadTimeout=" + downloadTimeout + "]";
    }
}
