package dev.avatarvideo.adapters.heygen;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach one HeyGen account. Several can exist side by side (one per tenant's key): each adapter built from
 * settings acts for that key only.
 *
 * @param baseUrl {@code https://api.heygen.com}, or a simulator's address
 * @param apiKey sent as {@code X-Api-Key}; a secret, never printed (see {@link #toString()})
 * @param requestTimeout for one API call; downloads of finished videos are bounded by {@code downloadTimeout} instead
 * @param retries how calls that are safe to repeat are retried
 */
public record HeyGenSettings(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout, Duration downloadTimeout,
                             Retries retries) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.heygen.com");
    private static final String HEYGEN_FILE_HOSTS = "https://*.heygen.ai";

    /**
     * Bounded retries with exponential backoff and jitter, for GETs and for video creation (whose Idempotency-Key makes
     * a repeat harmless); never for other changes.
     *
     * @param maxAttempts attempts in all, the first included
     * @param firstBackoff the wait before the first retry, doubled for each further one up to {@code maxBackoff};
     *                     half of each wait is random, so many clients do not retry in step
     * @param budget no retry starts after this much time has passed since the first attempt
     * @param longestRetryAfter a {@code Retry-After} up to this long is waited out in place; a longer one ends the call
     *                          at once with a rate-limited answer that says how long to wait
     */
    public record Retries(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration budget, Duration longestRetryAfter) {

        public static final Retries DEFAULT = new Retries(4, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(20),
                Duration.ofSeconds(10));

        public Retries {
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(longestRetryAfter, "longestRetryAfter");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            if (maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be shorter than firstBackoff");
            }
        }
    }

    public HeyGenSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(downloadTimeout, "downloadTimeout");
        Objects.requireNonNull(retries, "retries");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the HeyGen API key must not be blank");
        }
    }

    public static HeyGenSettings of(URI baseUrl, String apiKey) {
        return new HeyGenSettings(baseUrl, apiKey, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30), Retries.DEFAULT);
    }

    /** The same HeyGen, another account. */
    public HeyGenSettings withApiKey(String otherApiKey) {
        return new HeyGenSettings(baseUrl, otherApiKey, connectTimeout, requestTimeout, downloadTimeout, retries);
    }

    public HeyGenSettings withRequestTimeout(Duration timeout) {
        return new HeyGenSettings(baseUrl, apiKey, connectTimeout, timeout, downloadTimeout, retries);
    }

    public HeyGenSettings withRetries(Retries newRetries) {
        return new HeyGenSettings(baseUrl, apiKey, connectTimeout, requestTimeout, downloadTimeout, newRetries);
    }

    /**
     * Where the preview pictures of the avatar listing live, as a content security policy source: HeyGen serves them
     * from its file hosts ({@code files.heygen.ai}, {@code files2.heygen.ai}, {@code resource.heygen.ai}), a simulator
     * or any other look-alike from its own address.
     */
    public String previewImageSource() {
        if (baseUrl.getHost().equalsIgnoreCase(DEFAULT_BASE_URL.getHost())) {
            return HEYGEN_FILE_HOSTS;
        }
        return baseUrl.getScheme().toLowerCase(Locale.ROOT) + "://" + baseUrl.getHost().toLowerCase(Locale.ROOT)
                + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort());
    }

    @Override
    public String toString() {
        return "HeyGenSettings[baseUrl=" + baseUrl + ", apiKey=****, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", downloadTimeout=" + downloadTimeout + ", retries=" + retries + "]";
    }
}
