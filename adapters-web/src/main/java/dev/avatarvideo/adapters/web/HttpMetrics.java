package dev.avatarvideo.adapters.web;

import java.time.Duration;

/**
 * Where the HTTP API reports what it served, and where {@code /metrics} gets its page from: {@link MicrometerHttpMetrics}
 * in the service, nothing at all in tests of the API alone.
 */
public interface HttpMetrics {

    /** The type of {@link #scrape()}: Prometheus' text exposition format. */
    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * One request answered.
     *
     * @param route the route's template ({@code /api/videos/{id}}), never the raw path, so ids cannot multiply series;
     *              {@code unmatched} for a path no route serves
     */
    void served(String method, String route, int status, Duration took);

    /** Every metric the service keeps, in Prometheus' text format. */
    String scrape();

    /** Records nothing and shows an empty page. */
    static HttpMetrics none() {
        return new HttpMetrics() {
            @Override
            public void served(String method, String route, int status, Duration took) {
            }

            @Override
            public String scrape() {
                return "";
            }
        };
    }
}
